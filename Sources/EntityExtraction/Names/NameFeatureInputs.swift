/// The values `NameFeatures`' static templates hash, per token, laid out for the feature
/// loop: the values read at neighbours (word, shape, suffix, word class, gazetteer marks)
/// in arrays padded with two entries at each end holding what the templates see off the
/// document's edges, so reading token i ± 2 needs no bounds test; the rest in one record
/// per token. `rows` then writes the 49 row indices of every token through raw pointers.
struct NameFeatureInputs {
    /// What a neighbour off either end reads as (`none + 1` before, `none + 2` after).
    static let none: UInt64 = 0x1234_5678_9abc_def0
    /// What the gazetteer marks of a missing neighbour read as.
    static let noMarks: UInt64 = 1 << 40
    static let pad = 2

    /// A token's own values, appended in token order.
    struct Codes {
        var exact: UInt64 = 0, suffix2: UInt64 = 0, suffix4: UInt64 = 0, prefix3: UInt64 = 0
        var position: UInt64 = 0, doc: UInt64 = 0, line: UInt64 = 0, joined: UInt64 = 0
        var run: UInt64 = 0, cap: UInt64 = 0, allCaps: UInt64 = 0
    }

    let count: Int
    private var lower: [UInt64]
    private var shape: [UInt64]
    private var suffix3: [UInt64]
    private var cluster: [UInt64]
    private var gaz: [UInt64]
    var code: [Codes]

    init(count n: Int) {
        count = n
        func padded(_ before: UInt64, _ after: UInt64) -> [UInt64] {
            var a = [UInt64](repeating: 0, count: n + 2 * Self.pad)
            for k in 0..<Self.pad { a[k] = before; a[n + Self.pad + k] = after }
            return a
        }
        lower = padded(Self.none &+ 1, Self.none &+ 2)
        shape = lower
        suffix3 = lower
        cluster = lower
        gaz = padded(Self.noMarks, Self.noMarks)
        code = []
        code.reserveCapacity(n)
    }

    mutating func set(_ i: Int, lower l: UInt64, shape s: UInt64, suffix3 x: UInt64, cluster c: UInt64, gaz g: UInt64) {
        let k = i + Self.pad
        lower[k] = l; shape[k] = s; suffix3[k] = x; cluster[k] = c; gaz[k] = g
    }

    /// `count × NameFeatures.staticCount` row indices, in the templates' order.
    func rows(rowBits: Int) -> [Int32] {
        let n = count
        let width = NameFeatures.staticCount
        let shift = UInt64(64 - rowBits)
        @inline(__always) func row(_ template: UInt64, _ a: UInt64, _ b: UInt64 = 0) -> Int32 {
            Int32(truncatingIfNeeded: TokenHashing.featureHash(template, a, b) >> shift)
        }
        let bias = row(1, 0)
        return [Int32](unsafeUninitializedCapacity: n * width) { out, initialised in
            lower.withUnsafeBufferPointer { lb in
            shape.withUnsafeBufferPointer { sb in
            suffix3.withUnsafeBufferPointer { xb in
            cluster.withUnsafeBufferPointer { cb in
            gaz.withUnsafeBufferPointer { gb in
            code.withUnsafeBufferPointer { codes in
                // Pointers at token 0 of the padded arrays: p[-2] ... p[n + 1] are valid.
                let L = lb.baseAddress! + Self.pad, S = sb.baseAddress! + Self.pad, X = xb.baseAddress! + Self.pad
                let C = cb.baseAddress! + Self.pad, G = gb.baseAddress! + Self.pad
                var o = out.baseAddress!
                for i in 0..<n {
                    let c = codes[i]
                    let w = L[i], sh = S[i], cap = c.cap, g = G[i], cl = C[i]
                    o[0] = bias
                    o[1] = row(2, w)
                    o[2] = row(3, c.exact)
                    o[3] = row(4, sh)
                    o[4] = row(5, c.suffix2)
                    o[5] = row(6, X[i])
                    o[6] = row(7, c.suffix4)
                    o[7] = row(8, c.prefix3)
                    o[8] = row(9, L[i - 1])
                    o[9] = row(10, L[i + 1])
                    o[10] = row(11, L[i - 2])
                    o[11] = row(12, L[i + 2])
                    o[12] = row(13, S[i - 1])
                    o[13] = row(14, S[i + 1])
                    o[14] = row(15, L[i - 1], w)
                    o[15] = row(16, w, L[i + 1])
                    o[16] = row(17, L[i - 1], sh)
                    o[17] = row(18, sh, L[i + 1])
                    o[18] = row(19, TokenHashing.combine(S[i - 1], sh), S[i + 1])
                    o[19] = row(20, c.position, sh)
                    o[20] = row(21, g, cap)
                    o[21] = row(22, G[i - 1])
                    o[22] = row(23, G[i + 1])
                    o[23] = row(24, c.doc)
                    o[24] = row(25, c.line, sh)
                    o[25] = row(26, c.joined, L[i + 1] ^ L[i - 1])
                    // One template per gazetteer kind (8): its four BILU bits.
                    o[26] = row(27, g & 0xF, cap)
                    o[27] = row(28, (g >> 4) & 0xF, cap)
                    o[28] = row(29, (g >> 8) & 0xF, cap)
                    o[29] = row(30, (g >> 12) & 0xF, cap)
                    o[30] = row(31, (g >> 16) & 0xF, cap)
                    o[31] = row(32, (g >> 20) & 0xF, cap)
                    o[32] = row(33, (g >> 24) & 0xF, cap)
                    o[33] = row(34, (g >> 28) & 0xF, cap)
                    o[34] = row(40, L[i - 2], L[i - 1])
                    o[35] = row(41, L[i + 1], L[i + 2])
                    o[36] = row(42, X[i - 1])
                    o[37] = row(43, X[i + 1])
                    o[38] = row(44, c.run, c.position == 2 ? 0 : 1)
                    o[39] = row(45, S[i - 2])
                    o[40] = row(46, S[i + 2])
                    o[41] = row(47, TokenHashing.combine(L[i - 1], w), L[i + 1])
                    o[42] = row(48, c.allCaps, sh)
                    o[43] = row(50, cl)
                    o[44] = row(51, cl == 0 ? 999 : (cl - 1) >> 3)
                    o[45] = row(52, C[i - 1])
                    o[46] = row(53, C[i + 1])
                    o[47] = row(54, cl, cap)
                    o[48] = row(55, C[i - 1], C[i + 1])
                    o += width
                }
            }
            }
            }
            }
            }
            }
            initialised = n * width
        }
    }
}
