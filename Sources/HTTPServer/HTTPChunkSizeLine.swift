/// The line that starts each chunk, without its CRLF (RFC 9112 §7.1):
///
///     chunk-size [ chunk-ext ]
///     chunk-ext     = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
///     chunk-ext-val = token / quoted-string
///
/// Extensions are checked and ignored. Anything else (whitespace after the size with no
/// extension, `;` with no name, an unclosed quote) is refused: parsers that disagree on
/// where a chunk ends are how a request gets smuggled inside another.
enum HTTPChunkSizeLine {
    /// The chunk size; `Int.max` when too large to represent (the caller answers 413).
    static func parse(_ line: ArraySlice<UInt8>) -> Result<Int, HTTPParseError> {
        var index = line.startIndex
        var size = 0
        while index < line.endIndex, let digit = HTTPRequestTarget.hexValue(line[index]) {
            size = size > (Int.max >> 4) ? Int.max : size << 4 | Int(digit)
            index += 1
        }
        guard index > line.startIndex else { return .failure(.badRequest("malformed chunk size")) }
        let rest = line[index...]
        guard rest.allSatisfy(HTTPSyntax.isFieldValueByte) else {
            return .failure(.badRequest("control character in chunk extension"))
        }
        var scanner = Scanner(bytes: rest)
        // Whitespace is only allowed before a `;`.
        scanner.skipWhitespace()
        if scanner.atEnd {
            return scanner.position == rest.startIndex ? .success(size) : .failure(.badRequest("malformed chunk size"))
        }
        guard scanner.take(0x3B) else { return .failure(.badRequest("malformed chunk size")) }
        while true {
            scanner.skipWhitespace()
            guard scanner.skipToken() else { return .failure(.badRequest("chunk extension without a name")) }
            scanner.skipWhitespace()
            if scanner.take(0x3D) {
                scanner.skipWhitespace()
                if scanner.peek == 0x22 {
                    guard scanner.skipQuotedString() else {
                        return .failure(.badRequest("unterminated quoted chunk extension value"))
                    }
                } else if !scanner.skipToken() {
                    return .failure(.badRequest("chunk extension without a value"))
                }
                scanner.skipWhitespace()
            }
            if scanner.atEnd {
                // The grammar puts no whitespace after the last extension.
                let last = line[line.index(before: line.endIndex)]
                return last == 0x20 || last == 0x09 ? .failure(.badRequest("malformed chunk extension")) : .success(size)
            }
            guard scanner.take(0x3B) else { return .failure(.badRequest("malformed chunk extension")) }
        }
    }

    private struct Scanner {
        let bytes: ArraySlice<UInt8>
        var position: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            position = bytes.startIndex
        }

        var atEnd: Bool { position == bytes.endIndex }
        var peek: UInt8? { atEnd ? nil : bytes[position] }

        mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            position += 1
            return true
        }

        mutating func skipWhitespace() {
            while let b = peek, b == 0x20 || b == 0x09 { position += 1 }
        }

        /// One or more token characters.
        mutating func skipToken() -> Bool {
            let begin = position
            while let b = peek, HTTPSyntax.isTokenByte(b) { position += 1 }
            return position > begin
        }

        /// `"…"` with `\`-escaped pairs; false when the closing quote is missing.
        mutating func skipQuotedString() -> Bool {
            position += 1
            while let b = peek {
                position += 1
                if b == 0x22 { return true }
                if b == 0x5C {
                    guard !atEnd else { return false }
                    position += 1
                }
            }
            return false
        }
    }
}
