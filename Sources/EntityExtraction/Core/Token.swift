/// What a token is made of. Letters and digits are split into separate tokens where
/// they meet (`5bn` → `5`, `bn`; `US$4.7` → `US`, `$`, `4.7`), so recognizers see
/// numbers whole.
public enum TokenKind: UInt8, Sendable {
    /// Letters (and combining marks), possibly with inner apostrophes or abbreviation
    /// dots: `Stoltenberg`, `O'Brien`, `U.S.`, `Corp.`.
    case word
    /// Digits, possibly grouped or with a decimal part: `2024`, `1,000,000`, `3.4`.
    case number
    /// A currency or other symbol (Unicode category Sc or Sm): `€`, `$`, `+`.
    case symbol
    /// Any other single character: `.`, `,`, `"`, `-`, `/`.
    case punctuation
}

/// A token: a span of the text in code point offsets, end exclusive.
public struct Token: Sendable {
    public var start: Int
    public var end: Int
    public var kind: TokenKind
    /// The token's text exactly as written.
    public var text: String
    /// The text in lower case, computed once for every recognizer to share.
    public var lower: String
    /// True when no whitespace separates this token from the previous one.
    public var joinedToPrevious: Bool
    /// True when a line break lies between the previous token and this one.
    public var newlineBefore: Bool

    public init(start: Int, end: Int, kind: TokenKind, text: String, lower: String? = nil, joinedToPrevious: Bool, newlineBefore: Bool) {
        self.start = start
        self.end = end
        self.kind = kind
        self.text = text
        self.lower = lower ?? text.lowercased()
        self.joinedToPrevious = joinedToPrevious
        self.newlineBefore = newlineBefore
    }

    /// True when the first character is an upper-case letter (for ASCII, read from the first
    /// byte: only A-Z are upper case there, and the property lookup showed in profiles).
    public var isCapitalized: Bool {
        let byte: UInt8? = text.withUTF8Bytes { $0.first }
        guard let byte else { return false }
        if byte < 0x80 { return byte >= 65 && byte <= 90 }
        guard let first = text.unicodeScalars.first else { return false }
        return first.properties.isUppercase
    }
}
