import Foundation
import XCTest
import EntityExtraction

/// Locates the shared corpora (never copied into the repository) and scores date
/// predictions the way `score_figures.py --kind date` does.
enum DateSuiteSupport {
    static var sharedData: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    static func lines(_ relative: String) throws -> [[String: Any]] {
        let url = sharedData.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("\(url.path) is absent: the shared corpora are not in the repository")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    /// A date value as an inclusive pair of ISO days, as the Python scorer canonicalises it.
    static func canonical(_ v: Any?) -> (String, String)? {
        if let d = v as? [String: Any] {
            guard let a = canonical(d["from"]), let b = canonical(d["to"]) else { return nil }
            return (a.0, b.1)
        }
        guard let s = v as? String else { return nil }
        let p = s.prefix(10).split(separator: "-", omittingEmptySubsequences: false)
        if p.count == 3, p[0].count == 4 { return (String(s.prefix(10)), String(s.prefix(10))) }
        if p.count == 2, p[0].count == 4, let y = Int(p[0]), let m = Int(p[1]), (1...12).contains(m) {
            let last = CivilDate.daysIn(month: m, year: y)
            let mm = m < 10 ? "0\(m)" : "\(m)"
            return ("\(p[0])-\(mm)-01", "\(p[0])-\(mm)-\(last)")
        }
        if p.count == 1, p[0].count == 4, Int(p[0]) != nil { return ("\(p[0])-01-01", "\(p[0])-12-31") }
        return nil
    }

    static func jsonValue(_ v: DateValue) -> Any {
        if let d = v.date { return d }
        if let f = v.from, let t = v.to { return ["from": f, "to": t] }
        return NSNull()
    }
}
