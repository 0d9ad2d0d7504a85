/// 64-bit hashes of token forms computed straight from code points, so the tagger never
/// builds a String per feature. FNV-1a over normalised scalars, finished with a mixer.
enum TokenHashing {
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x100_0000_01b3

    @inline(__always) static func add(_ h: UInt64, _ value: UInt32) -> UInt64 {
        (h ^ UInt64(value)) &* prime
    }

    /// The splitmix64 finaliser: spreads FNV's weak low bits over the whole word.
    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    @inline(__always) static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 {
        mix(a ^ (b &* 0x9e37_79b9_7f4a_7c15))
    }

    /// A feature's hash from its template number and up to two values (already-mixed
    /// token hashes or small codes): one mixing round, since this runs ~60 times a token.
    @inline(__always) static func featureHash(_ template: UInt64, _ a: UInt64, _ b: UInt64) -> UInt64 {
        mix((template &* 0x2545_f491_4f6c_dd1d) ^ a ^ ((b ^ 0x5bd1_e995) &* 0x9e37_79b9_7f4a_7c15))
    }

    /// One scalar as the features see it: lower case, curly quotes and dashes unified
    /// (pasted news uses ’ “ — where the training text has ' " -).
    @inline(__always) static func normalised(_ c: Unicode.Scalar) -> UInt32 {
        let v = c.value
        if v < 128 {
            if v >= 65 && v <= 90 { return v | 0x20 }
            return v
        }
        switch v {
        case 0x2018, 0x2019, 0x02BC: return 39  // '
        case 0x201C, 0x201D, 0x201E, 0x00AB, 0x00BB: return 34  // "
        case 0x2010...0x2015, 0x2212: return 45  // -
        default:
            if c.properties.changesWhenLowercased, let lower = c.properties.lowercaseMapping.unicodeScalars.first {
                return lower.value
            }
            return v
        }
    }

    /// A word-shape class: X upper, x lower, d digit, or the normalised scalar itself.
    @inline(__always) static func shapeClass(_ c: Unicode.Scalar) -> UInt32 {
        let v = c.value
        if v < 128 {
            if v >= 65 && v <= 90 { return 88 }       // X
            if v >= 97 && v <= 122 { return 120 }     // x
            if v >= 48 && v <= 57 { return 100 }      // d
            return v
        }
        let p = c.properties
        if p.isUppercase { return 88 }
        if p.isLowercase || p.isAlphabetic { return 120 }
        return normalised(c)
    }

    /// Hash of the lower-cased, normalised text of scalars[start..<end].
    static func lowerHash(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> UInt64 {
        var h = seed
        for k in start..<end { h = add(h, normalised(scalars[k])) }
        return mix(h)
    }

    /// Hash of the exact text (case kept).
    static func exactHash(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> UInt64 {
        var h = seed ^ 0x5555
        for k in start..<end { h = add(h, scalars[k].value) }
        return mix(h)
    }

    /// Hash of the word shape with runs of one class capped at three (`Xxxx`, `dd.d`).
    static func shapeHash(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> UInt64 {
        var h = seed ^ 0xaaaa
        var last: UInt32 = 0
        var run = 0
        for k in start..<end {
            let c = shapeClass(scalars[k])
            if c == last { run += 1 } else { run = 1; last = c }
            if run <= 3 { h = add(h, c) }
        }
        return mix(h)
    }

    /// Hash of the last `n` normalised scalars (the whole token when shorter).
    static func suffixHash(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int, _ n: Int) -> UInt64 {
        lowerHash(scalars, max(start, end - n), end) ^ UInt64(n)
    }

    static func prefixHash(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int, _ n: Int) -> UInt64 {
        lowerHash(scalars, start, min(end, start + n)) ^ UInt64(n << 8)
    }
}
