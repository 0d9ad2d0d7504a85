import Foundation
import XCTest

/// Where Debian's `chromium` is, and where the browser tests leave their screenshots;
/// `ChromiumSession` drives it.
struct HeadlessChromium {
    let executable: String

    /// The browser, or a skip that says how to get it. Under CI (`CI=true`) a browser
    /// that is missing fails instead, so the browser tests cannot quietly stop running.
    static func find() throws -> HeadlessChromium {
        let env = ProcessInfo.processInfo.environment
        let candidates = [env["CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].compactMap { $0 }
        if let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            return HeadlessChromium(executable: path)
        }
        let message = "Chromium is not installed (apt-get install -y chromium, or set CHROMIUM=/path): the browser tests need it"
        if env["CI"] == "true" { XCTFail(message) }
        throw XCTSkip(message)
    }

    /// Where the screenshots go: `.build/browser-tests/` in the package, or `$BROWSER_TEST_OUTPUT`.
    static let outputFolder: URL = {
        let env = ProcessInfo.processInfo.environment["BROWSER_TEST_OUTPUT"]
        let url = env.map { URL(fileURLWithPath: $0) }
            ?? ServiceFixture.packageRoot.appendingPathComponent(".build/browser-tests")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    struct BrowserError: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }
}

/// Just enough reading of the serialised DOM for the tests: elements by a start-tag
/// pattern, their attributes and their text (tags dropped, entities decoded).
enum DOM {
    struct Element {
        var attributes: [String: String]
        var inner: String
        var text: String { DOM.text(inner) }
    }

    /// Elements `<tag …>` whose start tag contains `containing`, with their inner HTML up to
    /// the matching end tag (nesting of the same tag counted).
    static func elements(_ html: String, tag: String, containing: String = "") -> [Element] {
        var found: [Element] = []
        var search = html.startIndex
        let open = "<" + tag, close = "</" + tag + ">"
        while let start = html.range(of: open, range: search..<html.endIndex) {
            search = start.upperBound
            guard let headEnd = html.range(of: ">", range: start.upperBound..<html.endIndex) else { break }
            let head = String(html[start.upperBound..<headEnd.lowerBound])
            guard head.first == " " || head.isEmpty, containing.isEmpty || head.contains(containing) else { continue }
            var depth = 1, cursor = headEnd.upperBound, innerEnd = html.endIndex
            while depth > 0 {
                let nextOpen = html.range(of: open, range: cursor..<html.endIndex)
                guard let nextClose = html.range(of: close, range: cursor..<html.endIndex) else { break }
                if let o = nextOpen, o.lowerBound < nextClose.lowerBound {
                    depth += 1; cursor = o.upperBound
                } else {
                    depth -= 1; cursor = nextClose.upperBound
                    if depth == 0 { innerEnd = nextClose.lowerBound }
                }
            }
            found.append(Element(attributes: attributes(head), inner: String(html[headEnd.upperBound..<innerEnd])))
        }
        return found
    }

    static func attributes(_ head: String) -> [String: String] {
        var out: [String: String] = [:]
        let pattern = try! NSRegularExpression(pattern: #"([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?"#)
        for m in pattern.matches(in: head, range: NSRange(head.startIndex..., in: head)) {
            let name = String(head[Range(m.range(at: 1), in: head)!])
            let value = Range(m.range(at: 2), in: head).map { decode(String(head[$0])) } ?? ""
            out[name] = value
        }
        return out
    }

    static func text(_ html: String) -> String {
        decode(html.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression))
    }

    static func decode(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&nbsp;", with: "\u{A0}").replacingOccurrences(of: "&amp;", with: "&")
    }
}
