import EntityExtraction
import Foundation

/// `received_at` as stored: ISO 8601 UTC to the millisecond (`2024-03-14T09:05:00.250Z`).
/// Fixed width, so text order is time order. Hand-written to stay free of formatter
/// objects shared between threads.
public enum Timestamp {
    /// Milliseconds since 1970, rounded down: the precision the store keeps.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    public static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    static func format(_ date: Date) -> String { format(milliseconds: milliseconds(date)) }

    static func format(milliseconds ms: Int64) -> String {
        let msPerDay: Int64 = 86_400_000
        var day = ms / msPerDay
        var rest = ms % msPerDay
        if rest < 0 { rest += msPerDay; day -= 1 }
        let civil = CivilDate(dayNumber: Int(day))
        let hours = rest / 3_600_000, minutes = rest / 60_000 % 60, seconds = rest / 1000 % 60, millis = rest % 1000
        return "\(civil)T\(pad(hours, 2)):\(pad(minutes, 2)):\(pad(seconds, 2)).\(pad(millis, 3))Z"
    }

    /// Parses exactly the format `format` writes.
    static func parse(_ text: String) -> Date? {
        let chars = Array(text.utf8)
        guard chars.count == 24, chars[10] == UInt8(ascii: "T"), chars[13] == UInt8(ascii: ":"),
              chars[16] == UInt8(ascii: ":"), chars[19] == UInt8(ascii: "."), chars[23] == UInt8(ascii: "Z"),
              let civil = CivilDate(iso: String(decoding: chars[0..<10], as: UTF8.self)),
              let hours = number(chars[11..<13]), let minutes = number(chars[14..<16]),
              let seconds = number(chars[17..<19]), let millis = number(chars[20..<23]),
              hours < 24, minutes < 60, seconds < 60 else { return nil }
        let ms = Int64(civil.dayNumber) * 86_400_000 + hours * 3_600_000 + minutes * 60_000 + seconds * 1000 + millis
        return date(milliseconds: ms)
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int64? {
        var value: Int64 = 0
        for d in digits {
            guard d >= 48, d <= 57 else { return nil }
            value = value * 10 + Int64(d - 48)
        }
        return value
    }

    private static func pad(_ n: Int64, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
