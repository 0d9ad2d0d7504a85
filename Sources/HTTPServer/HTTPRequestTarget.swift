/// Splits a request-target into its path and query and percent-decodes them.
/// Pure functions, shared by the wire parser and `HTTPRequest.init`.
enum HTTPRequestTarget {
    /// The raw path and query of an origin-form (`/a?b`), absolute-form
    /// (`http://host/a?b`) or asterisk-form (`*`) target; a fragment is dropped.
    static func split(_ target: String) -> (path: Substring, query: Substring?) {
        var rest = Substring(target)
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        if let schemeEnd = rest.firstRange(of: "://"), !rest.hasPrefix("/") {
            let afterAuthority = rest[schemeEnd.upperBound...]
            if let slash = afterAuthority.firstIndex(where: { $0 == "/" || $0 == "?" }) {
                rest = afterAuthority[slash...]
            } else {
                return ("/", nil)
            }
            if rest.hasPrefix("?") { return ("/", rest.dropFirst()) }
        }
        if let question = rest.firstIndex(of: "?") {
            return (rest[..<question], rest[rest.index(after: question)...])
        }
        return (rest, nil)
    }

    /// Percent-decodes UTF-8 text; nil when an escape is malformed or the bytes are not UTF-8.
    static func percentDecode(_ text: Substring, plusAsSpace: Bool) -> String? {
        let utf8 = Array(text.utf8)
        guard utf8.contains(where: { $0 == 0x25 || (plusAsSpace && $0 == 0x2B) }) else {
            return String(text)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == 0x25 {
                guard index + 2 < utf8.count,
                      let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2])
                else { return nil }
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(plusAsSpace && byte == 0x2B ? 0x20 : byte)
                index += 1
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// `a=1&b=x+y&c` → [(a, 1), (b, "x y"), (c, "")]; nil when any part is undecodable.
    static func parseQuery(_ query: Substring) -> [(name: String, value: String)]? {
        var items: [(name: String, value: String)] = []
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let name: Substring, value: Substring
            if let equals = pair.firstIndex(of: "=") {
                name = pair[..<equals]
                value = pair[pair.index(after: equals)...]
            } else {
                name = pair
                value = ""
            }
            guard let decodedName = percentDecode(name, plusAsSpace: true),
                  let decodedValue = percentDecode(value, plusAsSpace: true)
            else { return nil }
            items.append((name: decodedName, value: decodedValue))
        }
        return items
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}
