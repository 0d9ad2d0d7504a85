import Glibc

/// IMF-fixdate for the `Date` header (`Sun, 06 Nov 1994 08:49:37 GMT`), formatted by hand
/// because Foundation's formatters are slow and locale-sensitive.
enum HTTPDate {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(secondsSince1970 seconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) "
            + "\(parts.tm_year + 1900) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }

    static func now() -> String {
        format(secondsSince1970: Int(time(nil)))
    }
}

/// Re-formats the date at most once a second, as the bytes the encoder appends.
/// Confined to one event loop.
final class HTTPDateCache {
    private var second = -1
    private var bytes: [UInt8] = []

    func current() -> [UInt8] {
        let now = Int(time(nil))
        if now != second {
            second = now
            bytes = Array(HTTPDate.format(secondsSince1970: now).utf8)
        }
        return bytes
    }
}
