/// What the feature templates read of each token's own text, computed in one pass over its
/// code points: the lower-case, exact and shape hashes, the affix hashes and the case facts.
/// The values equal `TokenHashing`'s (`lowerHash`, `suffixHash`, `prefixHash`, …) exactly:
/// the prefix is FNV's state after three scalars of the lower-case pass, and the suffixes
/// re-hash the last four normalised scalars, kept as the pass goes. One pass instead of eight
/// (and no Unicode property lookups twice for the same scalar) made feature extraction cheap.
struct NameTokenHashes {
    var lower: [UInt64]
    var exact: [UInt64]
    var shape: [UInt64]
    var suffix2: [UInt64]
    var suffix3: [UInt64]
    var suffix4: [UInt64]
    var prefix3: [UInt64]
    /// A word whose first letter is upper case (ASCII A-Z, else the Unicode property).
    var capitalised: [Bool]
    /// A word whose first letter is lower case.
    var startsLowercase: [Bool]
    var isWord: [Bool]
    /// A word without any lower-case letter (`NameFeatures.isLowercaseLetter`).
    var hasNoLowercase: [Bool]

    init(tokens: [Token], scalars: [Unicode.Scalar]) {
        let n = tokens.count
        // Filled through raw pointers, then copied out once: array writes in the loop paid
        // a uniqueness check each.
        let hashes = UnsafeMutablePointer<UInt64>.allocate(capacity: max(7 * n, 1))
        let flags = UnsafeMutablePointer<Bool>.allocate(capacity: max(4 * n, 1))
        flags.initialize(repeating: false, count: 4 * n)
        defer { hashes.deallocate(); flags.deallocate() }
        let (lower, exact, shape) = (hashes, hashes + n, hashes + 2 * n)
        let (suffix2, suffix3, suffix4, prefix3) = (hashes + 3 * n, hashes + 4 * n, hashes + 5 * n, hashes + 6 * n)
        let (capitalised, startsLowercase, isWord, hasNoLowercase) = (flags, flags + n, flags + 2 * n, flags + 3 * n)
        let seed = TokenHashing.seed
        scalars.withUnsafeBufferPointer { s in
        tokens.withUnsafeBufferPointer { tb in
            for i in 0..<n {
                // Fields read in place: copying a Token retains its two strings.
                let start = tb[i].start, end = tb[i].end
                var h = seed, x = seed ^ 0x5555, sh = seed ^ 0xaaaa
                var prefix = seed
                var last: UInt32 = 0, run = 0
                // The last four normalised scalars, newest in r0.
                var r0: UInt32 = 0, r1: UInt32 = 0, r2: UInt32 = 0, r3: UInt32 = 0
                var anyLowercase = false
                var k = start
                while k < end {
                    let c = s[k]
                    let v = c.value
                    let norm: UInt32, cls: UInt32
                    if v < 128 {
                        let isUpper = v >= 65 && v <= 90, isLower = v >= 97 && v <= 122
                        norm = isUpper ? v | 0x20 : v
                        cls = isUpper ? 88 : (isLower ? 120 : (v >= 48 && v <= 57 ? 100 : v))
                        if isLower { anyLowercase = true }
                    } else {
                        norm = TokenHashing.normalised(c)
                        cls = TokenHashing.shapeClass(c)
                        if c.properties.isLowercase { anyLowercase = true }
                    }
                    h = TokenHashing.add(h, norm)
                    x = TokenHashing.add(x, v)
                    if cls == last { run += 1 } else { run = 1; last = cls }
                    if run <= 3 { sh = TokenHashing.add(sh, cls) }
                    r3 = r2; r2 = r1; r1 = r0; r0 = norm
                    k += 1
                    if k - start == 3 { prefix = h }
                }
                let length = end - start
                if length < 3 { prefix = h }
                lower[i] = TokenHashing.mix(h)
                exact[i] = TokenHashing.mix(x)
                shape[i] = TokenHashing.mix(sh)
                prefix3[i] = TokenHashing.mix(prefix) ^ UInt64(3 << 8)
                // Suffixes: FNV from the seed over the last min(n, length) scalars, oldest first.
                var f4 = seed
                if length >= 4 { f4 = TokenHashing.add(f4, r3) }
                var f3 = seed
                if length >= 3 { f4 = TokenHashing.add(f4, r2); f3 = TokenHashing.add(f3, r2) }
                var f2 = seed
                if length >= 2 {
                    f4 = TokenHashing.add(f4, r1); f3 = TokenHashing.add(f3, r1); f2 = TokenHashing.add(f2, r1)
                }
                if length >= 1 {
                    f4 = TokenHashing.add(f4, r0); f3 = TokenHashing.add(f3, r0); f2 = TokenHashing.add(f2, r0)
                }
                suffix4[i] = TokenHashing.mix(f4) ^ 4
                suffix3[i] = TokenHashing.mix(f3) ^ 3
                suffix2[i] = TokenHashing.mix(f2) ^ 2
                if tb[i].kind == .word {
                    isWord[i] = true
                    hasNoLowercase[i] = !anyLowercase
                    let c = s[start]
                    if c.value < 128 {
                        capitalised[i] = c.value >= 65 && c.value <= 90
                        startsLowercase[i] = c.value >= 97 && c.value <= 122
                    } else {
                        capitalised[i] = c.properties.isUppercase
                        startsLowercase[i] = c.properties.isLowercase
                    }
                }
            }
        }
        }
        func array<T>(_ p: UnsafeMutablePointer<T>) -> [T] { Array(UnsafeBufferPointer(start: p, count: n)) }
        self.lower = array(lower); self.exact = array(exact); self.shape = array(shape)
        self.suffix2 = array(suffix2); self.suffix3 = array(suffix3); self.suffix4 = array(suffix4); self.prefix3 = array(prefix3)
        self.capitalised = array(capitalised); self.startsLowercase = array(startsLowercase)
        self.isWord = array(isWord); self.hasNoLowercase = array(hasNoLowercase)
    }
}
