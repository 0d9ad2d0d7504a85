import Glibc

/// One second of UTC as calendar fields, written the two ways the server writes time: the
/// `Date` header's IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) and the log's RFC 3339
/// stamp (`1994-11-06T08:49:37Z`). The only place in the module that turns seconds into a
/// calendar date; by hand, since Foundation's formatters are slow and locale-sensitive.
/// Public so that the API writes its timestamps (`received_at`) with the same code.
public struct UTCSecond: Sendable {
    public let year: Int
    /// 1...12
    public let month: Int
    public let day: Int
    public let hour: Int
    public let minute: Int
    public let second: Int
    /// 0 is Sunday.
    public let weekday: Int

    public init(secondsSince1970 seconds: Int) {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        year = Int(parts.tm_year) + 1900
        month = Int(parts.tm_mon) + 1
        day = Int(parts.tm_mday)
        hour = Int(parts.tm_hour)
        minute = Int(parts.tm_min)
        second = Int(parts.tm_sec)
        weekday = Int(parts.tm_wday)
    }

    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].map { Array($0.utf8) }
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].map { Array($0.utf8) }

    /// `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110's IMF-fixdate).
    var imfFixdate: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(29)
        out += Self.days[weekday]
        out += Array(", ".utf8)
        Self.two(day, to: &out)
        out.append(0x20)
        out += Self.months[month - 1]
        out.append(0x20)
        HTTPResponseEncoder.appendDecimal(year, to: &out)
        out.append(0x20)
        appendClock(to: &out)
        out += Array(" GMT".utf8)
        return out
    }

    /// `1994-11-06T08:49:37Z` (RFC 3339, UTC, to the second; the year in four digits).
    public var rfc3339: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(20)
        for _ in 0..<max(0, 4 - String(year).count) { out.append(UInt8(ascii: "0")) }
        HTTPResponseEncoder.appendDecimal(year, to: &out)
        out.append(UInt8(ascii: "-"))
        Self.two(month, to: &out)
        out.append(UInt8(ascii: "-"))
        Self.two(day, to: &out)
        out.append(UInt8(ascii: "T"))
        appendClock(to: &out)
        out.append(UInt8(ascii: "Z"))
        return out
    }

    /// `08:49:37`
    private func appendClock(to out: inout [UInt8]) {
        Self.two(hour, to: &out)
        out.append(UInt8(ascii: ":"))
        Self.two(minute, to: &out)
        out.append(UInt8(ascii: ":"))
        Self.two(second, to: &out)
    }

    private static func two(_ value: Int, to out: inout [UInt8]) {
        out.append(UInt8(0x30 + value / 10 % 10))
        out.append(UInt8(0x30 + value % 10))
    }
}

/// The current second's text in one format, formatted again only when the second changes
/// (the `Date` header on each event loop, the stamp on the log writer's thread).
/// Confined to one thread.
final class UTCSecondText {
    private let format: (UTCSecond) -> [UInt8]
    private var cachedSecond = Int.min
    private var bytes: [UInt8] = []

    init(_ format: @escaping (UTCSecond) -> [UInt8]) {
        self.format = format
    }

    /// The text of `seconds` since 1970.
    func text(for seconds: Int) -> [UInt8] {
        if seconds != cachedSecond {
            cachedSecond = seconds
            bytes = format(UTCSecond(secondsSince1970: seconds))
        }
        return bytes
    }

    /// The text of the second now.
    func current() -> [UInt8] {
        text(for: Int(time(nil)))
    }
}
