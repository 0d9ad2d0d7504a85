import XCTest
import ArticleAPI
import EntityExtraction

final class ServiceConfigurationTests: XCTestCase {
    func testShippedDefaultsMatchTheBuiltInOnes() throws {
        var c = ServiceConfiguration()
        try c.apply(file: ServiceFixture.packageRoot.appendingPathComponent("Config/default.json").path)
        XCTAssertEqual(c, ServiceConfiguration(), "Config/default.json and ServiceConfiguration must agree")
        XCTAssertEqual(c.host, "127.0.0.1")
        XCTAssertEqual(c.port, 8080)
        XCTAssertEqual(c.database, "./data/articles.sqlite")
        XCTAssertEqual(c.maxBodyBytes, 1_048_576)
    }

    func testEnvironmentOverridesTheFile() throws {
        var c = ServiceConfiguration()
        try c.apply(environment: ["ARTICLE_ENTITIES_HOST": "0.0.0.0", "ARTICLE_ENTITIES_PORT": "9090",
                                  "ARTICLE_ENTITIES_DATABASE": "/tmp/x.sqlite", "ARTICLE_ENTITIES_LOG_REQUESTS": "false",
                                  "UNRELATED": "1"])
        XCTAssertEqual(c.host, "0.0.0.0")
        XCTAssertEqual(c.port, 9090)
        XCTAssertEqual(c.database, "/tmp/x.sqlite")
        XCTAssertFalse(c.logRequests)
    }

    func testBadSettingsAreExplained() throws {
        var c = ServiceConfiguration()
        XCTAssertThrowsError(try c.apply(environment: ["ARTICLE_ENTITIES_PORT": "eighty"])) {
            XCTAssertTrue("\($0)".contains("ARTICLE_ENTITIES_PORT"))
        }
        XCTAssertThrowsError(try c.apply(environment: ["ARTICLE_ENTITIES_PORT": "70000"])) {
            XCTAssertTrue("\($0)".contains("0 to 65535"))
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"prot": 80}"#.utf8).write(to: file)
        XCTAssertThrowsError(try c.apply(file: file.path)) { XCTAssertTrue("\($0)".contains("unknown setting \"prot\"")) }
        try Data(#"{"numeric_date_order": "year-first"}"#.utf8).write(to: file)
        XCTAssertThrowsError(try c.apply(file: file.path)) { XCTAssertTrue("\($0)".contains("month-day")) }
        XCTAssertThrowsError(try c.apply(file: "/nonexistent/config.json")) { XCTAssertTrue("\($0)".contains("cannot read")) }
    }
}

final class ServiceConfigurationBoundsTests: XCTestCase {
    /// A timeout the server cannot hold in nanoseconds used to be accepted and then
    /// stopped the process (overflow trap) at the first slow request.
    func testTimeoutsBeyondADayAreRefused() throws {
        var c = ServiceConfiguration()
        XCTAssertThrowsError(try c.apply(environment: ["ARTICLE_ENTITIES_IDLE_TIMEOUT_SECONDS": "1e12"])) {
            XCTAssertTrue("\($0)".contains("at most 86400"), "\($0)")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"header_timeout_seconds": 1e300}"#.utf8).write(to: file)
        XCTAssertThrowsError(try c.apply(file: file.path)) { XCTAssertTrue("\($0)".contains("header_timeout_seconds"), "\($0)") }
        try c.apply(environment: ["ARTICLE_ENTITIES_BODY_TIMEOUT_SECONDS": "86400"])
        XCTAssertEqual(c.bodyTimeoutSeconds, 86_400)
        XCTAssertEqual(c.headerTimeoutSeconds, 10, "a refused value leaves the setting alone")
    }

    /// A misspelt boolean used to switch request logging off without a word.
    func testLogRequestsFromTheEnvironmentMustBeABoolean() throws {
        var c = ServiceConfiguration()
        XCTAssertThrowsError(try c.apply(environment: ["ARTICLE_ENTITIES_LOG_REQUESTS": "ture"])) {
            XCTAssertTrue("\($0)".contains("ARTICLE_ENTITIES_LOG_REQUESTS must be true or false"), "\($0)")
        }
        XCTAssertTrue(c.logRequests)
        try c.apply(environment: ["ARTICLE_ENTITIES_LOG_REQUESTS": "0"])
        XCTAssertFalse(c.logRequests)
        try c.apply(environment: ["ARTICLE_ENTITIES_LOG_REQUESTS": "Yes"])
        XCTAssertTrue(c.logRequests)
    }

    /// The message names what the operator wrote: the variable, or the file and its key.
    func testErrorsNameTheVariableOrFileThatHoldsTheBadValue() throws {
        var c = ServiceConfiguration()
        XCTAssertThrowsError(try c.apply(environment: ["ARTICLE_ENTITIES_DEFAULT_DOLLAR": "dollar"])) {
            XCTAssertEqual("\($0)", "ARTICLE_ENTITIES_DEFAULT_DOLLAR=\"dollar\": default_dollar must be an ISO 4217 code such as USD")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"port": 8080.5}"#.utf8).write(to: file)
        XCTAssertThrowsError(try c.apply(file: file.path)) {
            XCTAssertEqual("\($0)", "port must be a whole number from 0 to 65535 (\"port\" in \(file.path))")
        }
    }

    func testExtractionOptionsFollowTheSettings() throws {
        var c = ServiceConfiguration()
        try c.apply(environment: ["ARTICLE_ENTITIES_DEFAULT_DOLLAR": "cad", "ARTICLE_ENTITIES_NUMERIC_DATE_ORDER": "day-month"])
        let o = c.extractionOptions(publishedAt: CivilDate(year: 2024, month: 3, day: 14)!)
        XCTAssertEqual(o.money.defaultDollar, "CAD")
        XCTAssertEqual(o.numericDateOrder, .dayMonth)
        XCTAssertEqual(o.publishedAt.description, "2024-03-14")
    }
}

/// The access-control and cost settings: read from the file and the environment, checked,
/// and the refusal to serve anonymous writes beyond loopback.
final class ServiceConfigurationAccessTests: XCTestCase {
    func testNewSettingsFromTheEnvironment() throws {
        var c = ServiceConfiguration()
        XCTAssertEqual(c.maxMentionsPerArticle, 5_000)
        XCTAssertEqual(c.extractionTimeoutSeconds, 10)
        XCTAssertEqual(c.rateLimitPerMinute, 0)
        try c.apply(environment: [
            "ARTICLE_ENTITIES_API_TOKENS": "aaaaaaaaaaaaaaaaaaaa, bbbbbbbbbbbbbbbbbbbb",
            "ARTICLE_ENTITIES_AUTH_READS": "true",
            "ARTICLE_ENTITIES_CORS_ORIGINS": "https://App.example,http://localhost:3000",
            "ARTICLE_ENTITIES_SERVER_NAMES": "news.example.org",
            "ARTICLE_ENTITIES_RATE_LIMIT_PER_MINUTE": "120",
            "ARTICLE_ENTITIES_MAX_MENTIONS_PER_ARTICLE": "100",
            "ARTICLE_ENTITIES_EXTRACTION_TIMEOUT_SECONDS": "2.5",
            "ARTICLE_ENTITIES_ALLOW_ANONYMOUS_WRITES": "no",
        ])
        XCTAssertEqual(c.apiTokens, ["aaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbb"])
        XCTAssertTrue(c.authReads)
        XCTAssertEqual(c.corsOrigins, ["https://app.example", "http://localhost:3000"])
        XCTAssertEqual(c.serverNames, ["news.example.org"])
        XCTAssertEqual(c.rateLimitPerMinute, 120)
        XCTAssertEqual(c.maxMentionsPerArticle, 100)
        XCTAssertEqual(c.extractionTimeoutSeconds, 2.5)
        XCTAssertFalse(c.allowAnonymousWrites)
    }

    func testListsFromTheFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"api_tokens": ["cccccccccccccccccccc"], "server_names": "a.example, b.example", "allow_anonymous_writes": true}"#.utf8).write(to: file)
        var c = ServiceConfiguration()
        try c.apply(file: file.path)
        XCTAssertEqual(c.apiTokens, ["cccccccccccccccccccc"])
        XCTAssertEqual(c.serverNames, ["a.example", "b.example"])
        XCTAssertTrue(c.allowAnonymousWrites)
        try Data(#"{"cors_origins": ["evil.example"]}"#.utf8).write(to: file)
        XCTAssertThrowsError(try c.apply(file: file.path)) { XCTAssertTrue("\($0)".contains("is not an origin such as https://app.example"), "\($0)") }
        try Data(#"{"auth_reads": 1}"#.utf8).write(to: file)
        XCTAssertThrowsError(try c.apply(file: file.path)) { XCTAssertTrue("\($0)".contains("auth_reads must be true or false"), "\($0)") }
    }

    func testAWeakTokenIsRefusedWithoutRepeatingIt() throws {
        var c = ServiceConfiguration()
        XCTAssertThrowsError(try c.apply(environment: ["ARTICLE_ENTITIES_API_TOKENS": "hunter2"])) {
            XCTAssertTrue("\($0)".contains("ARTICLE_ENTITIES_API_TOKENS"), "\($0)")
            XCTAssertTrue("\($0)".contains("at least 16 characters"), "\($0)")
            XCTAssertFalse("\($0)".contains("hunter2"), "a token must never be printed: \($0)")
        }
        XCTAssertThrowsError(try c.apply(environment: ["ARTICLE_ENTITIES_API_TOKENS": "has space in it but long enough"])) {
            XCTAssertFalse("\($0)".contains("space in it"), "\($0)")
        }
    }

    func testNoAnonymousWritesBeyondLoopback() throws {
        var c = ServiceConfiguration()
        for host in ["127.0.0.1", "localhost", "::1", "127.0.0.2"] {
            c.host = host
            XCTAssertNoThrow(try c.checkExposure(), host)
        }
        c.host = "0.0.0.0"
        XCTAssertThrowsError(try c.checkExposure()) {
            XCTAssertTrue("\($0)".hasPrefix("refusing to listen on 0.0.0.0 without api_tokens"), "\($0)")
            XCTAssertTrue("\($0)".contains("ARTICLE_ENTITIES_ALLOW_ANONYMOUS_WRITES=true"), "\($0)")
        }
        c.host = "::"
        XCTAssertThrowsError(try c.checkExposure())
        c.allowAnonymousWrites = true
        XCTAssertNoThrow(try c.checkExposure())
        c.allowAnonymousWrites = false
        c.apiTokens = ["dddddddddddddddddddd"]
        XCTAssertNoThrow(try c.checkExposure())
    }
}
