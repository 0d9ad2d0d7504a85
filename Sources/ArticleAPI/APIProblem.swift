import HTTPServer
import ArticleStore

/// A request the API refuses, with the status and a detail that tells the client what
/// to change. Rendered as RFC 9457 problem+json.
struct APIProblem: Error {
    var status: Int
    var detail: String
    var headers = HTTPHeaders()

    init(_ status: Int, _ detail: String, headers: HTTPHeaders = HTTPHeaders()) {
        self.status = status
        self.detail = detail
        self.headers = headers
    }

    static func badRequest(_ detail: String) -> APIProblem { APIProblem(400, detail) }
    static func notFound(_ detail: String) -> APIProblem { APIProblem(404, detail) }

    var response: HTTPResponse { HTTPResponse.problem(status: status, detail: detail, headers: headers) }

    /// A store failure in words for the client: never SQLite's message or SQL, which go to
    /// the log. A busy database is worth retrying; anything else is the operator's to see.
    static func storeFailure(_ error: StoreError, operation: String) -> APIProblem {
        switch error {
        case .invalidCursor:
            return .badRequest("cursor is not one this service gave out")
        case .closed:
            return APIProblem(503, "the service is shutting down: retry in a moment", headers: HTTPHeaders([("Retry-After", "1")]))
        case .sqlite where error.isBusy:
            return APIProblem(503, "the database is busy with another writer (such as a running reextract), so nothing was changed: "
                              + "retry in a moment", headers: HTTPHeaders([("Retry-After", "1")]))
        case .unstorable(let why):
            return APIProblem(422, "nothing was stored: \(why)")
        case .unavailable:
            return APIProblem(503, "the database does not answer, so nothing was changed: retry in a moment",
                              headers: HTTPHeaders([("Retry-After", "2")]))
        case .sqlite, .postgres, .corrupt:
            return APIProblem(500, "\(operation) failed in the service's database; the service log has the details")
        }
    }
}
