/// A JSON value as request decoding keeps it. Numbers stay as their text, so a number no
/// Double can hold is a field the client got wrong (422), not unreadable JSON (400); objects
/// keep their keys in order.
enum RequestJSON {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case array([RequestJSON])
    case object([(key: String, value: RequestJSON)])

    /// What a client sent in words, for "must be a string, got …" messages.
    var kind: String {
        switch self {
        case .string: return "a string"
        case .number(let n): return "the number " + (n.count > 40 ? String(n.prefix(40)) + "…" : n)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// Parses RFC 8259 JSON strictly. Unlike Foundation's JSONSerialization, which keeps
    /// the last of two equal keys without a word, a repeated key is an error naming it.
    static func parse(_ bytes: [UInt8]) throws(RequestJSONError) -> RequestJSON {
        var parser = RequestJSONParser(bytes: bytes)
        return try parser.document()
    }
}

/// Why a body is not acceptable JSON, in words for the client.
enum RequestJSONError: Error, Equatable {
    case syntax(String)
    case duplicateKey(String)
    case tooDeep(Int)
}

/// A recursive-descent parser over UTF-8 bytes (already checked to be valid UTF-8).
private struct RequestJSONParser {
    let bytes: [UInt8]
    var i = 0
    var depth = 0
    /// Arrays and objects nested deeper than this are refused, so a body of 1 MiB of `[`
    /// cannot overflow a handler thread's stack.
    static let maxDepth = 64

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func document() throws(RequestJSONError) -> RequestJSON {
        let v = try value()
        skipSpace()
        guard i == bytes.count else { throw .syntax("unexpected text after the JSON value at byte \(i)") }
        return v
    }

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    private mutating func value() throws(RequestJSONError) -> RequestJSON {
        skipSpace()
        guard i < bytes.count else { throw .syntax("the JSON ends where a value should be") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw .syntax("unexpected character at byte \(i)")
        }
    }

    private mutating func literal(_ word: String) throws(RequestJSONError) {
        for b in word.utf8 {
            guard i < bytes.count, bytes[i] == b else { throw .syntax("unexpected character at byte \(i)") }
            i += 1
        }
    }

    private mutating func nest() throws(RequestJSONError) {
        depth += 1
        guard depth <= Self.maxDepth else { throw .tooDeep(Self.maxDepth) }
    }

    private mutating func object() throws(RequestJSONError) -> RequestJSON {
        try nest()
        i += 1
        var members: [(key: String, value: RequestJSON)] = []
        var seen = Set<String>()
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; depth -= 1; return .object([]) }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw .syntax("expected a key in quotes at byte \(i)") }
            let key = try string()
            guard seen.insert(key).inserted else { throw .duplicateKey(key) }
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw .syntax("expected ':' after a key at byte \(i)") }
            i += 1
            members.append((key, try value()))
            skipSpace()
            guard i < bytes.count else { throw .syntax("the JSON ends inside an object") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            guard bytes[i] == UInt8(ascii: "}") else { throw .syntax("expected ',' or '}' at byte \(i)") }
            i += 1
            depth -= 1
            return .object(members)
        }
    }

    private mutating func array() throws(RequestJSONError) -> RequestJSON {
        try nest()
        i += 1
        var items: [RequestJSON] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; depth -= 1; return .array([]) }
        while true {
            items.append(try value())
            skipSpace()
            guard i < bytes.count else { throw .syntax("the JSON ends inside an array") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            guard bytes[i] == UInt8(ascii: "]") else { throw .syntax("expected ',' or ']' at byte \(i)") }
            i += 1
            depth -= 1
            return .array(items)
        }
    }

    /// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, returned as written.
    private mutating func number() throws(RequestJSONError) -> String {
        let start = i
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count, isDigit(bytes[i]) else { throw .syntax("a number needs a digit at byte \(i)") }
        if bytes[i] == UInt8(ascii: "0") { i += 1 } else { digits() }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else { throw .syntax("a number needs a digit after '.' at byte \(i)") }
            digits()
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw .syntax("a number needs a digit in its exponent at byte \(i)") }
            digits()
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
    private mutating func digits() { while i < bytes.count, isDigit(bytes[i]) { i += 1 } }

    /// A string from its opening quote; escapes decoded, surrogate pairs joined.
    private mutating func string() throws(RequestJSONError) -> String {
        i += 1
        var out = ""
        var run = i
        while true {
            guard i < bytes.count else { throw .syntax("the JSON ends inside a string") }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                out += String(decoding: bytes[run..<i], as: UTF8.self)
                i += 1
                return out
            }
            if b < 0x20 { throw .syntax("a control character in a string at byte \(i) must be escaped") }
            guard b == UInt8(ascii: "\\") else { i += 1; continue }
            out += String(decoding: bytes[run..<i], as: UTF8.self)
            i += 1
            guard i < bytes.count else { throw .syntax("the JSON ends inside a string") }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): out += "\""
            case UInt8(ascii: "\\"): out += "\\"
            case UInt8(ascii: "/"): out += "/"
            case UInt8(ascii: "b"): out += "\u{08}"
            case UInt8(ascii: "f"): out += "\u{0C}"
            case UInt8(ascii: "n"): out += "\n"
            case UInt8(ascii: "r"): out += "\r"
            case UInt8(ascii: "t"): out += "\t"
            case UInt8(ascii: "u"): out.unicodeScalars.append(try escapedScalar())
            default: throw .syntax("unknown escape \\\(Character(Unicode.Scalar(e))) at byte \(i - 2)")
            }
            run = i
        }
    }

    /// The scalar of `\uXXXX` (the `\u` already read), reading a low surrogate after a high one.
    private mutating func escapedScalar() throws(RequestJSONError) -> Unicode.Scalar {
        let at = i - 2
        let unit = try hex4()
        if (0xD800..<0xDC00).contains(unit) {
            guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                throw .syntax("a lone surrogate \\u\(String(unit, radix: 16)) at byte \(at)")
            }
            i += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw .syntax("a lone surrogate \\u\(String(unit, radix: 16)) at byte \(at)") }
            return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!
        }
        guard let scalar = Unicode.Scalar(unit) else { throw .syntax("a lone surrogate \\u\(String(unit, radix: 16)) at byte \(at)") }
        return scalar
    }

    private mutating func hex4() throws(RequestJSONError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw .syntax("the JSON ends inside a \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let d: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - UInt8(ascii: "A") + 10
            default: throw .syntax("a \\u escape needs four hex digits at byte \(i)")
            }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }
}
