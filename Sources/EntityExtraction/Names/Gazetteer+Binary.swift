import Foundation

/// The gazetteer as the model file stores it: its three hash tables' slots, already
/// hashed, so loading is a few bulk copies (parsing and tokenising the TSV lists cost
/// ~0.1 CPU s per process start).
extension Gazetteer {
    func encode(into data: inout Data) {
        phrases.encode(into: &data)
        firstTokens.encode(into: &data)
        clusters.encode(into: &data)
    }

    /// Reads what `encode` wrote at `offset`, moving `offset` past it; nil when malformed.
    init?(decoding bytes: UnsafeRawBufferPointer, offset: inout Int) {
        guard let phrases = HashTable64(decoding: bytes, offset: &offset),
              let firstTokens = HashTable64(decoding: bytes, offset: &offset),
              let clusters = HashTable64(decoding: bytes, offset: &offset) else { return nil }
        self.init(phrases: phrases, firstTokens: firstTokens, clusters: clusters)
    }
}
