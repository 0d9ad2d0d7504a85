import Foundation
import ArticleAPI
import EntityExtraction

/// `article-entities extract`: the extraction of `POST /v1/extract`, from a file or stdin.
enum ExtractCommand {
    static let summary = "Print the entities of a text (or of JSONL lines) without storing anything."
    static let help = """
    USAGE: article-entities extract [--config FILE] [--published-at YYYY-MM-DD] [--default-dollar USD]
                                    [--date-order month-day|day-month] [--types T,…] [FILE|-]
           article-entities extract --jsonl [FILE|-]

    Reads the text of one article from FILE (or standard input when FILE is - or absent)
    and prints {"entities": [...]} exactly as POST /v1/extract answers.

    With --jsonl, every input line is one JSON object {"id", "text", "published_at"?}
    and every output line is {"id", "entities": [...]}, streamed for bulk work. A line that
    cannot be read gives {"id", "error"} in its place (and the exit status is 1).

    Settings (default_dollar, numeric_date_order, aliases_file) come from Config/default.json
    (or --config FILE) and the environment as for serve, so extract reads a text as the service
    does; the flags below override them.

    OPTIONS:
      --config FILE      JSON settings file (default: Config/default.json when present)
      --published-at D   the article's publication date; relative dates resolve against it
                         (default: today, UTC). With --jsonl, a line's own published_at wins.
      --default-dollar C ISO 4217 code a bare $ means when nothing else decides (default USD).
      --date-order O     how 3/4/24 reads: month-day (default) or day-month.
      --types T,…        only these kinds: person, organisation, place, money, date (default
                         all); `none` runs tokenization alone (a baseline for benchmarks).
      --jsonl            read JSON lines, write JSON lines.
      -h, --help         show this help.
    """

    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try ParsedArguments(arguments, valued: ["--config", "--published-at", "--default-dollar", "--date-order", "--types"],
                                       flags: ["--jsonl", "--help", "-h"])
        if args.has("--help") || args.has("-h") {
            print(help)
            return 0
        }
        guard args.positionals.count <= 1 else { throw UsageError("give at most one FILE") }
        let config = try ServeCommand.configuration(file: args.value("--config"))
        var options = config.extractionOptions(publishedAt: ArticleAPI.utcToday())
        if let raw = args.value("--published-at") {
            guard let d = CivilDate(iso: raw) else { throw UsageError("--published-at must be YYYY-MM-DD, got \(raw)") }
            options.publishedAt = d
        }
        if let raw = args.value("--default-dollar") {
            guard raw.count == 3, raw.allSatisfy({ $0.isASCII && $0.isLetter }) else { throw UsageError("--default-dollar must be an ISO 4217 code") }
            options.money.defaultDollar = raw.uppercased()
        }
        if let raw = args.value("--date-order") {
            guard let order = NumericDateOrder(rawValue: raw) else { throw UsageError("--date-order must be month-day or day-month") }
            options.numericDateOrder = order
        }
        if let raw = args.value("--types") {
            var types: Set<EntityType> = []
            for name in raw.split(separator: ",").map(String.init) where name != "none" {
                guard let t = EntityType(rawValue: name) else { throw UsageError("unknown type \(name) in --types") }
                types.insert(t)
            }
            options.types = types
        }
        let extractor = try config.makeExtractor()
        var reader = try LineReader(path: args.positionals.first)
        var out = OutputBuffer()
        if !args.has("--jsonl") {
            guard let text = String(validating: reader.readAll(), as: UTF8.self) else { throw UsageError("the input is not valid UTF-8") }
            let extraction = extractor.extract(text, options: options)
            out.append(EntityJSON.entitiesDocument(extraction.entities))
            out.append([0x0A])
            out.flush()
            return 0
        }
        var lineNumber = 0
        var failures = 0
        while let line = reader.next() {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            do {
                let (id, text, publishedAt) = try decodeLine(line)
                var lineOptions = options
                if let publishedAt { lineOptions.publishedAt = publishedAt }
                let extraction = extractor.extract(text, options: lineOptions)
                var w = JSONWriter(capacity: 256 + extraction.entities.count * 160)
                w.beginObject()
                w.key("id")
                if let id { w.value(id) } else { w.null() }
                w.key("entities")
                EntityJSON.writeEntities(extraction.entities, to: &w)
                w.endObject()
                out.append(w.bytes)
                out.append([0x0A])
            } catch let e as UsageError {
                // An error line in place of the output keeps output lines aligned with input lines.
                failures += 1
                StandardError.write("line \(lineNumber): \(e.message)\n")
                var w = JSONWriter()
                w.beginObject()
                w.key("id")
                w.value(lineID(line))
                w.field("error", "line \(lineNumber): \(e.message)")
                w.endObject()
                out.append(w.bytes)
                out.append([0x0A])
            }
        }
        out.flush()
        return failures == 0 ? 0 : 1
    }

    /// The id of a line that could not be read, if it has one.
    private static func lineID(_ line: [UInt8]) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { return nil }
        if let s = object["id"] as? String { return s }
        return (object["id"] as? NSNumber)?.stringValue
    }

    private static func decodeLine(_ line: [UInt8]) throws -> (String?, String, CivilDate?) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
            throw UsageError("not a JSON object")
        }
        guard let text = object["text"] as? String else { throw UsageError("no \"text\" string") }
        var id: String?
        if let s = object["id"] as? String { id = s } else if let n = object["id"] as? NSNumber { id = n.stringValue }
        var date: CivilDate?
        // A published_at that is there but unusable (20240314, "14/03/2024") is an error,
        // not "today": resolving the line's relative dates against today would be silently wrong.
        if let value = object["published_at"], !(value is NSNull) {
            guard let raw = value as? String, let d = CivilDate(iso: String(raw.prefix(10))) else {
                throw UsageError("published_at must be a string YYYY-MM-DD, got \(value)")
            }
            date = d
        }
        return (id, text, date)
    }
}
