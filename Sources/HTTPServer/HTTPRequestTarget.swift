/// Splits a request-target into its path and query and percent-decodes them.
/// Pure functions, shared by the wire parser and `HTTPRequest.init`.
enum HTTPRequestTarget {
    /// The raw path and query of an origin-form (`/a?b`), absolute-form
    /// (`http://host/a?b`) or asterisk-form (`*`) target; a fragment is dropped.
    /// Works on the UTF-8 bytes: the delimiters are ASCII, and Character-wise searching
    /// cost more than the rest of a small request.
    static func split(_ target: String) -> (path: Substring, query: Substring?) {
        let bytes = target.utf8
        let end = bytes.firstIndex(of: UInt8(ascii: "#")) ?? bytes.endIndex
        var start = bytes.startIndex
        if bytes.first != UInt8(ascii: "/"), let authority = indexAfterScheme(bytes, start, end) {
            guard let slash = bytes[authority..<end].firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") })
            else { return ("/", nil) }
            start = slash
            if bytes[start] == UInt8(ascii: "?") { return ("/", target[bytes.index(after: start)..<end]) }
        }
        if let question = bytes[start..<end].firstIndex(of: UInt8(ascii: "?")) {
            return (target[start..<question], target[bytes.index(after: question)..<end])
        }
        return (target[start..<end], nil)
    }

    /// Where the authority begins after the first `://`, if any.
    private static func indexAfterScheme(_ bytes: String.UTF8View, _ start: String.Index, _ end: String.Index) -> String.Index? {
        var index = start
        while let colon = bytes[index..<end].firstIndex(of: UInt8(ascii: ":")) {
            let first = bytes.index(after: colon)
            if first < end, bytes[first] == UInt8(ascii: "/") {
                let second = bytes.index(after: first)
                if second < end, bytes[second] == UInt8(ascii: "/") { return bytes.index(after: second) }
            }
            index = first
        }
        return nil
    }

    /// Percent-decodes UTF-8 text; nil when an escape is malformed or the bytes are not UTF-8.
    static func percentDecode(_ text: Substring, plusAsSpace: Bool) -> String? {
        guard text.utf8.contains(where: { $0 == 0x25 || (plusAsSpace && $0 == 0x2B) }) else {
            return String(text)
        }
        let utf8 = Array(text.utf8)
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
        let bytes = query.utf8
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let name: Substring, value: Substring
            if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                name = query[pair.startIndex..<equals]
                value = query[bytes.index(after: equals)..<pair.endIndex]
            } else {
                name = query[pair.startIndex..<pair.endIndex]
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
