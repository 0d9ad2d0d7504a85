import Foundation
import HTTPServer
import EntityExtraction

/// An article as a client submits it: a JSON object, or a `text/plain` body with the
/// metadata as query parameters. Decoding checks everything a client can get wrong.
struct ArticleSubmission {
    var text: String
    var title: String?
    var url: String?
    var source: String?
    var publishedAt: CivilDate?

    static let metadataFields = ["title", "url", "source", "published_at"]
    static let maxMetadataLength = 2_000

    /// - Parameter metadata: whether title/url/source may be given (articles) or only
    ///   published_at (extract).
    static func decode(_ request: HTTPRequest, metadata: Bool) throws -> ArticleSubmission {
        let allowed = metadata ? Set(metadataFields) : ["published_at"]
        let contentType = (request.headers["Content-Type"] ?? "").split(separator: ";").first
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        let charset = request.headers["Content-Type"].flatMap(Self.charset)
        if let charset, charset != "utf-8", charset != "utf8" {
            throw APIProblem(415, "only UTF-8 text is accepted, got charset=\(charset)")
        }
        guard let body = String(validating: request.body, as: UTF8.self) else {
            throw APIProblem.badRequest("the body is not valid UTF-8")
        }
        var submission: ArticleSubmission
        switch contentType {
        case "application/json":
            guard request.queryItems.isEmpty else {
                throw APIProblem.badRequest("with a JSON body, give the metadata in the JSON object, not as query parameters")
            }
            submission = try fromJSON(request.body, allowed: allowed)
        case "text/plain":
            let query = try QueryParameters(request, allowed: allowed)
            submission = ArticleSubmission(text: body)
            submission.title = try query.string("title", maxLength: maxMetadataLength)
            submission.url = try query.string("url", maxLength: maxMetadataLength)
            submission.source = try query.string("source", maxLength: maxMetadataLength)
            submission.publishedAt = try query.date("published_at")
        case "":
            throw APIProblem(415, "missing Content-Type: send application/json ({\"text\": …}) or text/plain")
        default:
            throw APIProblem(415, "unsupported Content-Type \(contentType): send application/json ({\"text\": …}) or text/plain")
        }
        guard submission.text.contains(where: { !$0.isWhitespace }) else {
            throw APIProblem(422, "text is empty: there is nothing to read")
        }
        return submission
    }

    private init(text: String) { self.text = text }

    /// One line of an NDJSON import: a JSON object as POST takes, checked the same way.
    static func decodeLine(_ line: [UInt8]) throws -> ArticleSubmission {
        guard String(validating: line, as: UTF8.self) != nil else { throw APIProblem.badRequest("the line is not valid UTF-8") }
        let submission = try fromJSON(line, allowed: Set(metadataFields), what: "the line")
        guard submission.text.contains(where: { !$0.isWhitespace }) else {
            throw APIProblem(422, "text is empty: there is nothing to read")
        }
        return submission
    }

    private static func charset(_ contentType: String) -> String? {
        for part in contentType.split(separator: ";").dropFirst() {
            let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if kv.count == 2, kv[0].lowercased() == "charset" { return kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased() }
        }
        return nil
    }

    private static func fromJSON(_ body: [UInt8], allowed: Set<String>, what: String = "the body") throws -> ArticleSubmission {
        let document: RequestJSON
        do { document = try RequestJSON.parse(body) } catch {
            switch error {
            case .duplicateKey(let key):
                throw APIProblem.badRequest("the key \"\(key)\" appears more than once in \(what == "the body" ? "the JSON body" : what); give each field once")
            case .tooDeep(let levels): throw APIProblem.badRequest("\(what) is not valid JSON: nested deeper than \(levels) levels")
            case .syntax(let why): throw APIProblem.badRequest("\(what) is not valid JSON: \(why)")
            }
        }
        guard case .object(let members) = document else {
            throw APIProblem.badRequest("\(what) must be a JSON object such as {\"text\": \"…\"}")
        }
        var fields: [String: RequestJSON] = [:]
        for (key, value) in members {
            guard key == "text" || allowed.contains(key) else {
                throw APIProblem.badRequest("unknown field \"\(key)\"; allowed: text, \(allowed.sorted().joined(separator: ", "))")
            }
            fields[key] = value
        }
        guard let textValue = fields["text"] else { throw APIProblem(422, "missing field \"text\"") }
        guard case .string(let text) = textValue else { throw APIProblem(422, "\"text\" must be a string, got \(textValue.kind)") }
        var s = ArticleSubmission(text: text)
        func optionalString(_ key: String, expected: String = "a string") throws -> String? {
            guard let v = fields[key] else { return nil }
            if case .null = v { return nil }
            guard case .string(let str) = v else { throw APIProblem(422, "\"\(key)\" must be \(expected), got \(v.kind)") }
            // Counted in code points, as JSON Schema's maxLength in openapi.yaml counts them.
            guard str.unicodeScalars.count <= maxMetadataLength else { throw APIProblem(422, "\"\(key)\" is longer than \(maxMetadataLength) characters") }
            return str.isEmpty ? nil : str
        }
        s.title = try optionalString("title")
        s.url = try optionalString("url")
        s.source = try optionalString("source")
        if let raw = try optionalString("published_at", expected: "a date string as YYYY-MM-DD") {
            guard let d = CivilDate(iso: raw) else { throw APIProblem(422, "\"published_at\" must be a date as YYYY-MM-DD, got \"\(raw)\"") }
            s.publishedAt = d
        }
        return s
    }
}
