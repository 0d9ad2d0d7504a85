import HTTPServer

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
}
