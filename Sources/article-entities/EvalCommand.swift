import Foundation
import ArticleAPI
import EntityExtraction

/// `article-entities eval`: measures extraction against annotated data, with the same
/// definitions as the reference scorers in shared/data (score.py, score_figures.py).
enum EvalCommand {
    static let summary = "Score extraction against annotated JSONL (entities, or a money/date suite)."
    static let help = """
    USAGE: article-entities eval --gold FILE.jsonl [--types person,organisation,place,money,date]
                                 [--money-spans ontonotes|natural] [--out PRED.jsonl]
           article-entities eval --suite FILE.jsonl --kind money|date [--errors N] [--out PRED.jsonl]
                                 [--date-convention calendar|recognizers]

    --gold   documents {"id","text","entities":[{"start","end","type"}]}: prints precision,
             recall and F1 per type, exact span and type (as shared/data/score.py).
    --suite  a figures suite {"id","text","reference"?,"expected":[…],"ignore"?}: prints
             detection recall and precision and value accuracy (as shared/data/score_figures.py).
    --gold also reads dates by OntoNotes' convention (lengths such as `two years` are
             dates, parts of a day are not); --suite reads them as the service reports them.
    --date-convention  with --suite: `calendar` (the default) is what the service reports,
             by the real-news guidelines; `recognizers` also reports periods counted from
             the reference date (`the next 3 days`, `within 5 years`), which the
             Recognizers-Text suites (figures/date_recognizers.jsonl) annotate as ranges.
    --money-spans  with --gold: how money spans are cut. `ontonotes` (the default for
             --gold) follows the corpus, which leaves a lone sign out of a plain sum
             (`$89,500` is annotated `89,500`); `natural` is what the service returns.
    --out    also write the predictions as JSONL, in the form the Python scorers read.
    --errors print up to N misses, false positives and wrong values (suite only).
    """

    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try ParsedArguments(arguments, valued: ["--gold", "--suite", "--kind", "--types", "--out", "--errors", "--money-spans",
                                                          "--date-convention"],
                                       flags: ["--help", "-h"])
        if args.has("--help") || args.has("-h") {
            print(help)
            return 0
        }
        guard args.positionals.isEmpty else { throw UsageError("unexpected argument \(args.positionals[0])") }
        let extractor = try EntityExtractor.bundled()
        if let gold = args.value("--gold") {
            let types = (args.value("--types") ?? "person,organisation,place,money,date")
                .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            for t in types where EntityType(rawValue: t) == nil { throw UsageError("unknown type \(t)") }
            let style: MoneySpanStyle
            switch args.value("--money-spans") ?? "ontonotes" {
            case "ontonotes": style = .ontoNotes
            case "natural": style = .natural
            default: throw UsageError("--money-spans must be ontonotes or natural")
            }
            return try scoreGold(path: gold, types: types, moneySpans: style, out: args.value("--out"), extractor: extractor)
        }
        if let suite = args.value("--suite") {
            guard let kind = args.value("--kind").flatMap(FigureSuiteScore.Kind.init(rawValue:)) else {
                throw UsageError("--suite needs --kind money or --kind date")
            }
            let errors = try args.int("--errors", range: 0...100_000) ?? 0
            // OntoNotes' convention belongs to --gold, whose corpus draws its spans
            guard let convention = DateConvention(rawValue: args.value("--date-convention") ?? "calendar"),
                  convention != .ontoNotes else {
                throw UsageError("--date-convention must be calendar or recognizers")
            }
            return try scoreSuite(path: suite, kind: kind, errors: errors, convention: convention, out: args.value("--out"),
                                  extractor: extractor)
        }
        throw UsageError("give --gold FILE or --suite FILE")
    }

    private static func readObjects(_ path: String, _ body: ([String: Any]) throws -> Void) throws {
        var reader = try LineReader(path: path)
        var n = 0
        while let line = reader.next() {
            n += 1
            if line.isEmpty { continue }
            guard let o = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                throw UsageError("\(path):\(n): not a JSON object")
            }
            try body(o)
        }
    }

    private static func scoreGold(path: String, types: [String], moneySpans: MoneySpanStyle, out: String?,
                                  extractor: EntityExtractor) throws -> Int32 {
        var score = SpanScore(types: types)
        var predictions = try OutputLines(path: out)
        let reference = CivilDate(year: 2000, month: 1, day: 1)!
        var words = 0
        let started = Date()
        try readObjects(path) { doc in
            guard let id = doc["id"] as? String, let text = doc["text"] as? String else { throw UsageError("\(path): a line lacks id or text") }
            let gold = (doc["entities"] as? [[String: Any]] ?? []).compactMap { e -> ScoredSpan? in
                guard let s = e["start"] as? Int, let t = e["end"] as? Int, let type = e["type"] as? String else { return nil }
                return ScoredSpan(start: s, end: t, type: type)
            }
            let document = Document(text: text)
            words += document.tokens.count
            let extraction = extractor.extract(document, options: ExtractionOptions(publishedAt: reference, money: MoneyOptions(spanStyle: moneySpans),
                                                                                     dateConvention: .ontoNotes))
            let predicted = extraction.entities.flatMap { e in e.mentions.map { ScoredSpan(start: $0.start, end: $0.end, type: e.type.rawValue) } }
            score.add(gold: gold, predicted: predicted)
            predictions.write { w in
                w.beginObject()
                w.field("id", id)
                w.key("entities")
                w.beginArray()
                for p in predicted.sorted(by: { $0.start < $1.start }) {
                    w.beginObject(); w.field("start", p.start); w.field("end", p.end); w.field("type", p.type); w.endObject()
                }
                w.endArray()
                w.endObject()
            }
        }
        predictions.close()
        print("gold=\(path) types=\(types.joined(separator: ",")) money-spans=\(moneySpans == .ontoNotes ? "ontonotes" : "natural")")
        print(score.table())
        let seconds = Date().timeIntervalSince(started)
        print("\(words) tokens in \(String(format: "%.2f", seconds)) s (reading, extraction and scoring)")
        return 0
    }

    private static func scoreSuite(path: String, kind: FigureSuiteScore.Kind, errors: Int, convention: DateConvention, out: String?,
                                   extractor: EntityExtractor) throws -> Int32 {
        var score = FigureSuiteScore(kind: kind)
        var predictions = try OutputLines(path: out)
        try readObjects(path) { o in
            let c = try suiteCase(o, path: path)
            let options = ExtractionOptions(publishedAt: c.reference ?? ArticleAPI.utcToday(), dateConvention: convention)
            let extraction = extractor.extract(c.text, options: options)
            var found: [FigureFinding] = []
            for e in extraction.entities {
                switch (kind, e.value) {
                case (.money, .money(let v)?): found += e.mentions.map { FigureFinding(start: $0.start, end: $0.end, money: v) }
                case (.date, .date(let v)?): found += e.mentions.map { FigureFinding(start: $0.start, end: $0.end, date: v) }
                default: break
                }
            }
            found.sort { $0.start < $1.start }
            score.add(c, found: found)
            predictions.write { w in
                w.beginObject()
                w.field("id", c.id)
                w.key("found")
                w.beginArray()
                for f in found {
                    w.beginObject()
                    w.field("start", f.start)
                    w.field("end", f.end)
                    if let m = f.money { w.field("amount", m.amount); w.field("currency", m.currency) }
                    if let d = f.date {
                        if let v = d.date { w.field("value", v) } else if let a = d.from, let b = d.to {
                            w.key("value"); w.beginObject(); w.field("from", a); w.field("to", b); w.endObject()
                        }
                    }
                    w.endObject()
                }
                w.endArray()
                w.endObject()
            }
        }
        predictions.close()
        print("suite=\(path) kind=\(kind.rawValue)")
        print(score.summary())
        for line in score.errors.prefix(errors) { print("  " + line) }
        return 0
    }

    private static func suiteCase(_ o: [String: Any], path: String) throws -> FigureSuiteCase {
        guard let c = FigureSuiteCase(json: o) else { throw UsageError("\(path): a case lacks id or text") }
        return c
    }
}

/// Optional JSONL output of predictions.
struct OutputLines {
    private let handle: FileHandle?

    init(path: String?) throws {
        if let path {
            // Said at once: a run of minutes that ends with no predictions file is no use.
            guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
                throw UsageError("cannot write --out \(path)")
            }
            handle = h
        } else {
            handle = nil
        }
    }

    mutating func write(_ body: (inout JSONWriter) -> Void) {
        guard let handle else { return }
        var w = JSONWriter()
        body(&w)
        handle.write(Data(w.bytes + [0x0A]))
    }

    func close() { try? handle?.close() }
}
