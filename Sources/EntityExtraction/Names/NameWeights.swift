import Foundation

/// The tagger's weight table: one 16-lane row per hashed feature (13 tags used), so a
/// token's score is a handful of vector adds. Immutable once built.
final class NameWeights: @unchecked Sendable {
    let rowBits: Int
    let rowCount: Int
    let rows: UnsafeMutablePointer<SIMD16<Float>>

    init(rowBits: Int) {
        self.rowBits = rowBits
        rowCount = 1 << rowBits
        rows = .allocate(capacity: rowCount)
        rows.initialize(repeating: SIMD16<Float>(), count: rowCount)
    }

    deinit { rows.deallocate() }
}

public enum NameModelError: Error, CustomStringConvertible {
    case missingResource(String)
    case badFormat(String)

    public var description: String {
        switch self {
        case .missingResource(let name): return "name tagger resource \(name) is missing from the bundle"
        case .badFormat(let why): return "not a name tagger model: \(why)"
        }
    }
}

/// The model file: `AENM`, format version, feature-set version, number of stages, then per
/// stage: row bits, tag count, quantisation scale, and every row's tag weights as Int8
/// (rows × tags), then the gazetteer the model was trained with (flag, then its hash
/// tables), so a process starts without parsing the word lists. Stage two, when present,
/// reads stage one's tags. Formats 2 and 3 (Int16 weights; 2 without a gazetteer) still
/// load, rounded to Int8: 127 steps each side lose nothing measurable (dev_nw F1 ±0.0005)
/// and halve the table the tagger reads at random.
enum NameModelFile {
    static let magic: [UInt8] = Array("AENM".utf8)
    static let formatVersion: UInt32 = 4
    static let readableFormats: ClosedRange<UInt32> = 2...4
    /// The largest stored magnitude.
    static let steps: Float = 127
    /// Bump when features change: a model trained with other features must not load.
    static let featureVersion: UInt32 = 6

    static func encode(_ stages: [NameWeights], gazetteer: Gazetteer? = nil) -> Data {
        var data = Data(magic)
        func put(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        put(formatVersion)
        put(featureVersion)
        put(UInt32(stages.count))
        let tags = NameTagSet.count
        for weights in stages {
            let scale = quantisation(weights)
            put(UInt32(weights.rowBits))
            put(UInt32(tags))
            put(scale.bitPattern)
            var body = [Int8](repeating: 0, count: weights.rowCount * tags)
            for r in 0..<weights.rowCount {
                let row = weights.rows[r]
                for t in 0..<tags { body[r * tags + t] = Int8(max(-steps, min(steps, (row[t] * scale).rounded()))) }
            }
            body.withUnsafeBytes { data.append(contentsOf: $0) }
        }
        put(gazetteer == nil ? 0 : 1)
        gazetteer?.encode(into: &data)
        return data
    }

    /// The factor that maps a table's largest weight to ±127.
    static func quantisation(_ weights: NameWeights) -> Float {
        var maxAbs: Float = 0
        for r in 0..<weights.rowCount {
            let row = weights.rows[r]
            for t in 0..<NameTagSet.count { maxAbs = max(maxAbs, abs(row[t])) }
        }
        return maxAbs > 0 ? steps / maxAbs : 1
    }

    /// One stage as stored: weight = value / scale, `values` row-major (rows × 13 tags).
    struct QuantisedStage {
        var rowBits: Int
        var scale: Float
        var values: [Int8]
    }

    static func decode(_ data: Data) throws -> [NameWeights] {
        try decodeQuantised(data).map { stage in
            let weights = NameWeights(rowBits: stage.rowBits)
            let inverse = 1 / stage.scale
            let tags = NameTagSet.count
            for r in 0..<weights.rowCount {
                var row = SIMD16<Float>()
                for t in 0..<tags { row[t] = Float(stage.values[r * tags + t]) * inverse }
                weights.rows[r] = row
            }
            return weights
        }
    }

    /// The stages as stored, without widening to Float (the tagger keeps the Int8 values).
    static func decodeQuantised(_ data: Data) throws -> [QuantisedStage] { try decodeContents(data).stages }

    /// Stages and, from format 3 on, the gazetteer saved with them.
    static func decodeContents(_ data: Data) throws -> (stages: [QuantisedStage], gazetteer: Gazetteer?) {
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) throws -> ([QuantisedStage], Gazetteer?) in
            guard bytes.count >= 16, Array(bytes[0..<4]) == magic else { throw NameModelError.badFormat("wrong magic") }
            func word(_ at: Int) -> UInt32 { UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
            let format = word(4)
            guard readableFormats.contains(format) else { throw NameModelError.badFormat("format version \(format)") }
            guard word(8) == featureVersion else {
                throw NameModelError.badFormat("feature version \(word(8)), expected \(featureVersion)")
            }
            let stageCount = Int(word(12))
            guard (1...2).contains(stageCount) else { throw NameModelError.badFormat("\(stageCount) stages") }
            var offset = 16
            var stages: [QuantisedStage] = []
            for _ in 0..<stageCount {
                guard bytes.count >= offset + 12 else { throw NameModelError.badFormat("truncated") }
                let rowBits = Int(word(offset))
                let tags = Int(word(offset + 4))
                let scale = Float(bitPattern: word(offset + 8))
                offset += 12
                guard (10...24).contains(rowBits), tags == NameTagSet.count, scale > 0,
                      stages.isEmpty || stages[0].rowBits == rowBits else {
                    throw NameModelError.badFormat("row bits \(rowBits), tags \(tags)")
                }
                let count = (1 << rowBits) * tags
                let width = format >= 4 ? 1 : 2
                guard bytes.count >= offset + count * width else { throw NameModelError.badFormat("truncated") }
                let from = offset
                offset += count * width
                if format >= 4 {
                    // One bulk copy.
                    let values = [Int8](unsafeUninitializedCapacity: count) { buffer, initialised in
                        UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[from..<offset]))
                        initialised = count
                    }
                    stages.append(QuantisedStage(rowBits: rowBits, scale: scale, values: values))
                } else {
                    // Int16 weights scaled to ±32767: rounded to ±127.
                    let ratio = steps / 32767
                    let values = [Int8](unsafeUninitializedCapacity: count) { buffer, initialised in
                        for k in 0..<count {
                            let v = Int16(littleEndian: bytes.loadUnaligned(fromByteOffset: from + 2 * k, as: Int16.self))
                            buffer[k] = Int8((Float(v) * ratio).rounded())
                        }
                        initialised = count
                    }
                    stages.append(QuantisedStage(rowBits: rowBits, scale: scale * ratio, values: values))
                }
            }
            var gazetteer: Gazetteer?
            if format >= 3 {
                guard bytes.count >= offset + 4 else { throw NameModelError.badFormat("truncated") }
                let hasGazetteer = word(offset) != 0
                offset += 4
                if hasGazetteer {
                    guard let decoded = Gazetteer(decoding: bytes, offset: &offset) else {
                        throw NameModelError.badFormat("malformed gazetteer")
                    }
                    gazetteer = decoded
                }
            }
            guard offset == bytes.count else { throw NameModelError.badFormat("trailing bytes") }
            return (stages, gazetteer)
        }
    }
}

/// Runs the model's stages over one document's features.
enum NameStages {
    static func tag(_ features: NameFeatures, sentences: [Range<Int>], stages: [NameWeights]) -> [UInt8] {
        var tags = ViterbiNameDecoder.tagDocument(features.staticRows, sentences: sentences, weights: stages[0])
        if stages.count > 1 {
            tags = ViterbiNameDecoder.tagDocument(features.staticRows, extra: features.stacked(on: tags),
                                                  sentences: sentences, weights: stages[1])
        }
        return tags
    }
}
