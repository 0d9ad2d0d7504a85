import HTTPServer
import ArticleStore

/// Figures as CSV (RFC 4180): a header row, CRLF line ends, every field that holds a comma,
/// a quote, CR or LF quoted with quotes doubled; one figure a line. Lists (the sentence's
/// entities) are joined with "; " inside one field. The next page, if any, is in `Link`.
enum FigureCSV {
    static let header = ["id", "article_id", "article_title", "published_at", "amount", "currency", "currency_resolution",
                         "currency_evidence", "qualifier", "min", "max", "text", "start", "end", "sentence", "sentence_start",
                         "sentence_end", "date", "date_from", "date_to", "date_grain", "date_source", "date_text",
                         "entity_ids", "entity_names"]

    static func response(_ page: Page<FigureRecord>, request: HTTPRequest) -> HTTPResponse {
        var out: [UInt8] = []
        out.reserveCapacity(256 + page.items.count * 400)
        line(header, to: &out)
        for r in page.items {
            let v = r.value, d = r.date
            line([String(r.id), r.articleID, r.articleTitle ?? "", r.articlePublishedAt.description, v.amount.description, v.currency,
                  v.currencyResolution.rawValue, v.currencyEvidence ?? "", v.qualifier ?? "", v.min?.description ?? "",
                  v.max?.description ?? "", r.mention.text, String(r.mention.start), String(r.mention.end), r.sentence,
                  String(r.sentenceStart), String(r.sentenceEnd), d.value.date ?? "", d.value.from ?? "", d.value.to ?? "",
                  d.value.grain.rawValue, d.source.rawValue, d.text ?? "",
                  r.sentenceEntities.map(\.id).joined(separator: "; "), r.sentenceEntities.map(\.name).joined(separator: "; ")],
                 to: &out)
        }
        var headers = HTTPHeaders([("Content-Type", "text/csv; charset=utf-8; header=present")])
        if let next = page.nextCursor { headers.add("Link", "<\(nextTarget(request, cursor: next))>; rel=\"next\"") }
        return HTTPResponse(status: 200, headers: headers, body: out)
    }

    static func line(_ fields: [String], to out: inout [UInt8]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 13 || $0 == 10 }
            if needsQuotes {
                out.append(UInt8(ascii: "\""))
                for byte in field.utf8 {
                    if byte == UInt8(ascii: "\"") { out.append(byte) }
                    out.append(byte)
                }
                out.append(UInt8(ascii: "\""))
            } else {
                out += field.utf8
            }
        }
        out += [13, 10]
    }

    /// The request's own path and query with `cursor` replaced.
    static func nextTarget(_ request: HTTPRequest, cursor: String) -> String {
        var parts = request.queryItems.filter { $0.name != "cursor" }.map { "\(escape($0.name))=\(escape($0.value))" }
        parts.append("cursor=\(escape(cursor))")
        return request.path + "?" + parts.joined(separator: "&")
    }

    private static func escape(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
