// libFuzzer entry point for the whole extraction pipeline with the bundled name model:
// tokens, money, dates, names, grouping. Besides crashes it checks what the API promises
// of every mention: `text[start:end]` (in code points) is the mention's text, in bounds.
import FuzzDriver
import EntityExtraction

private let extractor: EntityExtractor = {
    do { return try EntityExtractor.bundled() } catch { fatalError("the bundled name model did not load: \(error)") }
}()
private let published = CivilDate(iso: "2024-03-14")!

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExtraction(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    // The service only extracts valid UTF-8; anything else is a 400 before extraction.
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    // Both readings of 3/4/24, chosen by the input so a crash reproduces from the file.
    let order: NumericDateOrder = bytes.count % 2 == 0 ? .monthDay : .dayMonth
    let extraction = extractor.extract(text, options: ExtractionOptions(publishedAt: published, numericDateOrder: order))
    let scalars = Array(text.unicodeScalars)
    for entity in extraction.entities {
        for m in entity.mentions {
            precondition(0 <= m.start && m.start < m.end && m.end <= scalars.count,
                         "mention \(m.start)..<\(m.end) outside a text of \(scalars.count) code points")
            var piece = String.UnicodeScalarView()
            piece.append(contentsOf: scalars[m.start..<m.end])
            precondition(String(piece) == m.text, "text[\(m.start):\(m.end)] is not the mention \(m.text)")
        }
    }
    return 0
}

@_cdecl("FuzzExtraction_main")
public func fuzzExtractionMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, { data, size in fuzzExtraction(data, size) })
}
