import Foundation

/// Opaque keyset-pagination cursors: base64url of the last row's sort key and id, tagged
/// with the listing that issued it. A page after a cursor starts strictly after that row,
/// so inserts between requests never shift pages (no duplicates, no gaps). Made of the
/// rows' data alone, so a cursor one node gives out works on every other (both stores use it).
public enum Cursor {
    public static func encode(kind: String, _ fields: [String]) -> String {
        let data = (try? JSONEncoder().encode([kind] + fields)) ?? Data()
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The fields of a cursor issued by `encode(kind:)` with `count` fields.
    public static func decode(_ cursor: String, kind: String, count: Int) throws -> [String] {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard !base64.contains("="), base64.count % 4 != 1 else { throw StoreError.invalidCursor }
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64),
              let parts = try? JSONDecoder().decode([String].self, from: data),
              parts.count == count + 1, parts[0] == kind else { throw StoreError.invalidCursor }
        return Array(parts.dropFirst())
    }
}
