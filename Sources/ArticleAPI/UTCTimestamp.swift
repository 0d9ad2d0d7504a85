import Foundation
import EntityExtraction

/// `received_at` as the API writes it: RFC 3339 in UTC to the second (`2024-03-14T15:02:11Z`),
/// the instant rounded to the millisecond and then down to the second, as the
/// `ISO8601DateFormatter` it replaces did (which cost more per POST than hashing the article).
enum UTCTimestamp {
    static func seconds(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var total = milliseconds / 1000
        if milliseconds % 1000 < 0 { total -= 1 }
        var day = total / 86_400
        var rest = total % 86_400
        if rest < 0 { rest += 86_400; day -= 1 }
        let civil = CivilDate(dayNumber: Int(day))
        var out: [UInt8] = []
        out.reserveCapacity(24)
        out.append(contentsOf: civil.description.utf8)
        @inline(__always) func two(_ n: Int64) {
            out.append(UInt8(48 + n / 10))
            out.append(UInt8(48 + n % 10))
        }
        out.append(UInt8(ascii: "T")); two(rest / 3600)
        out.append(UInt8(ascii: ":")); two(rest / 60 % 60)
        out.append(UInt8(ascii: ":")); two(rest % 60)
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }
}
