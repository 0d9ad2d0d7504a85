import Foundation
import HTTPServer
import EntityExtraction

/// Typed, validated access to a request's query parameters. Unknown parameters are
/// refused so that a misspelt filter is not silently ignored.
struct QueryParameters {
    private let items: [String: String]

    init(_ request: HTTPRequest, allowed: Set<String>) throws {
        var items: [String: String] = [:]
        for (name, value) in request.queryItems {
            guard allowed.contains(name) else {
                throw APIProblem.badRequest("unknown query parameter \"\(name)\"; allowed here: \(allowed.sorted().joined(separator: ", "))")
            }
            guard items[name] == nil else { throw APIProblem.badRequest("query parameter \"\(name)\" given more than once") }
            items[name] = value
        }
        self.items = items
    }

    func string(_ name: String, maxLength: Int = 500) throws -> String? {
        guard let v = items[name] else { return nil }
        guard !v.isEmpty else { throw APIProblem.badRequest("\(name) must not be empty") }
        guard v.count <= maxLength else { throw APIProblem.badRequest("\(name) is longer than \(maxLength) characters") }
        return v
    }

    func int(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let raw = items[name] else { return value }
        guard let n = Int(raw), range.contains(n) else {
            throw APIProblem.badRequest("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), got \"\(raw)\"")
        }
        return n
    }

    func date(_ name: String) throws -> CivilDate? {
        guard let raw = items[name] else { return nil }
        guard let d = CivilDate(iso: raw) else { throw APIProblem.badRequest("\(name) must be a date as YYYY-MM-DD, got \"\(raw)\"") }
        return d
    }

    func decimal(_ name: String) throws -> Decimal? {
        guard let raw = items[name] else { return nil }
        let ok = !raw.isEmpty && raw.count <= 40 && raw.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
            && raw.filter({ $0 == "." }).count <= 1 && raw.first != "." && raw.last != "."
        guard ok, let d = Decimal(string: raw, locale: Locale(identifier: "en_US_POSIX")) else {
            throw APIProblem.badRequest("\(name) must be a non-negative number such as 1000000 or 0.5, got \"\(raw)\"")
        }
        return d
    }

    func entityType(_ name: String = "type") throws -> EntityType? {
        guard let raw = items[name] else { return nil }
        guard let t = EntityType(rawValue: raw) else {
            throw APIProblem.badRequest("\(name) must be one of \(EntityType.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(raw)\"")
        }
        return t
    }

    func currency(_ name: String = "currency") throws -> String? {
        guard let raw = items[name] else { return nil }
        let code = raw.uppercased()
        guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw APIProblem.badRequest("\(name) must be an ISO 4217 code such as EUR, got \"\(raw)\"")
        }
        return code
    }

    func oneOf<T: RawRepresentable>(_ name: String, _ type: T.Type, all: [T]) throws -> T? where T.RawValue == String {
        guard let raw = items[name] else { return nil }
        guard let v = T(rawValue: raw) else {
            throw APIProblem.badRequest("\(name) must be one of \(all.map(\.rawValue).joined(separator: ", ")), got \"\(raw)\"")
        }
        return v
    }
}
