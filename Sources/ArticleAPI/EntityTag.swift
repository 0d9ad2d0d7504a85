import ArticleStore
import HTTPServer

/// Strong entity tags and `If-None-Match` (RFC 9110 §8.8.3, §13.1.2).
enum EntityTag {
    /// 304 with the tag when `If-None-Match` names it (or is `*`); otherwise 200 with
    /// the body, made only then.
    static func respond(_ request: HTTPRequest, etag: String, body: () -> [UInt8]) -> HTTPResponse {
        if matches(request.headers.values("If-None-Match"), etag) {
            return HTTPResponse(status: 304, headers: HTTPHeaders([("ETag", etag)]))
        }
        return ArticleAPI.json(200, body(), headers: [("ETag", etag)])
    }

    /// If-None-Match compares weakly: `W/"x"` matches `"x"`.
    static func matches(_ fields: [String], _ etag: String) -> Bool {
        for field in fields {
            for item in field.split(separator: ",") {
                var tag = item.drop { $0 == " " || $0 == "\t" }
                while tag.last == " " || tag.last == "\t" { tag.removeLast() }
                if tag == "*" { return true }
                if tag.hasPrefix("W/") { tag.removeFirst(2) }
                if tag == etag { return true }
            }
        }
        return false
    }

    /// A strong tag for bytes rendered on demand: a prefix of their SHA-256.
    static func of(_ body: [UInt8]) -> String {
        "\"d" + StoredDigest.tag(body) + "\""
    }
}
