import Foundation
import HTTPServer

/// `received_at` as the API writes it: RFC 3339 in UTC to the second (`2024-03-14T15:02:11Z`),
/// the instant rounded to the millisecond and then down to the second, as the
/// `ISO8601DateFormatter` it replaced did. The calendar arithmetic is the server's
/// `UTCSecond` (its log stamps and `Date` headers), not a copy of it.
enum UTCTimestamp {
    static func seconds(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var total = milliseconds / 1000
        if milliseconds % 1000 < 0 { total -= 1 }
        return String(decoding: UTCSecond(secondsSince1970: Int(total)).rfc3339, as: UTF8.self)
    }
}
