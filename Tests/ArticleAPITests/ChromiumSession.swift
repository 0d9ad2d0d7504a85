import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A headless Chromium driven over the DevTools protocol on `--remote-debugging-pipe`
/// (commands in on fd 3, answers out on fd 4, each message ended by a NUL byte): for
/// the tests that type into a page, press keys and wait for it to react.
final class ChromiumSession {
    private let pid: pid_t
    private let toBrowser: Int32
    private let fromBrowser: Int32
    private var buffer: [UInt8] = []
    private var nextID = 0
    private var session = ""
    private let profile: URL

    /// One browser for a whole test class (each test has its own server, so its own origin
    /// and storage): starting Chromium is most of a browser test's time.
    nonisolated(unsafe) private static var shared: [String: ChromiumSession] = [:]

    static func shared(for testClass: AnyClass) throws -> ChromiumSession {
        let key = String(describing: testClass)
        if let s = shared[key] { return s }
        let chromium = try HeadlessChromium.find()
        do {
            let s = try ChromiumSession(chromium)
            shared[key] = s
            return s
        } catch {
            // Installed but unable to run here (no display libraries, a sandbox refusing it…).
            let message = "Chromium at \(chromium.executable) could not start (\(error)): the browser tests need it"
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail(message) }
            throw XCTSkip(message)
        }
    }

    /// Ends the class's browser (from `class func tearDown`).
    static func endShared(for testClass: AnyClass) {
        // Closed here, not left to deinit: the test case objects hold it until the run ends.
        shared.removeValue(forKey: String(describing: testClass))?.close()
    }

    init(_ browser: HeadlessChromium, width: Int = 1280, height: Int = 1000) throws {
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        var commands: [Int32] = [0, 0], answers: [Int32] = [0, 0]
        guard pipe(&commands) == 0, pipe(&answers) == 0 else { throw HeadlessChromium.BrowserError("pipe failed") }
        let args = [browser.executable, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                    "--disable-extensions", "--disable-background-networking", "--disable-sync", "--user-data-dir=\(profile.path)",
                    "--window-size=\(width),\(height)", "--remote-debugging-pipe", "about:blank"]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, commands[0], 3)
        posix_spawn_file_actions_adddup2(&actions, answers[1], 4)
        let devNull = open("/dev/null", O_RDWR)
        posix_spawn_file_actions_adddup2(&actions, devNull, 0)
        posix_spawn_file_actions_adddup2(&actions, devNull, 1)
        posix_spawn_file_actions_adddup2(&actions, devNull, 2)
        var argv = args.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, browser.executable, &actions, nil, &argv, environ)
        Glibc.close(commands[0]); Glibc.close(answers[1]); Glibc.close(devNull)
        guard rc == 0 else { throw HeadlessChromium.BrowserError("could not start \(browser.executable): \(rc)") }
        pid = child
        toBrowser = commands[1]
        fromBrowser = answers[0]
        let target = try call("Target.createTarget", ["url": "about:blank"], inPage: false)
        let targetID = try XCTUnwrap(target["targetId"] as? String)
        let attached = try call("Target.attachToTarget", ["targetId": targetID, "flatten": true], inPage: false)
        session = try XCTUnwrap(attached["sessionId"] as? String)
        // Headless windows never have focus: emulate it, so focus and focusin behave as for a reader.
        _ = try call("Emulation.setFocusEmulationEnabled", ["enabled": true])
    }

    deinit { close() }

    private var closed = false

    func close() {
        if closed { return }
        closed = true
        // Browser.close lets Chromium end its renderers and helpers; a kill of the browser
        // process alone would leave them behind. SIGKILL only if it does not go in 5 s.
        _ = try? call("Browser.close", inPage: false)
        Glibc.close(toBrowser); Glibc.close(fromBrowser)
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(5)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline { kill(pid, SIGKILL); waitpid(pid, &status, 0); break }
            usleep(20_000)
        }
        try? FileManager.default.removeItem(at: profile)
    }

    /// Sends one command and returns its result; a protocol error is thrown.
    @discardableResult
    func call(_ method: String, _ params: [String: Any] = [:], inPage: Bool = true) throws -> [String: Any] {
        nextID += 1
        var message: [String: Any] = ["id": nextID, "method": method, "params": params]
        if inPage { message["sessionId"] = session }
        var bytes = Array(try JSONSerialization.data(withJSONObject: message))
        bytes.append(0)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(toBrowser, $0.baseAddress, $0.count) }
            guard n > 0 else { throw HeadlessChromium.BrowserError("the browser closed its pipe") }
            sent += n
        }
        let deadline = Date().addingTimeInterval(30)
        while true {
            let reply = try readMessage(until: deadline)
            guard reply["id"] as? Int == nextID else { continue }  // events and other answers
            if let error = reply["error"] as? [String: Any] { throw HeadlessChromium.BrowserError("\(method): \(error)") }
            return reply["result"] as? [String: Any] ?? [:]
        }
    }

    private func readMessage(until deadline: Date) throws -> [String: Any] {
        while true {
            if let end = buffer.firstIndex(of: 0) {
                let data = Data(buffer[..<end])
                buffer.removeSubrange(...end)
                return (try JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
            }
            var p = pollfd(fd: fromBrowser, events: Int16(POLLIN), revents: 0)
            let wait = Int32(max(0, deadline.timeIntervalSinceNow) * 1000)
            guard wait > 0, poll(&p, 1, wait) > 0 else { throw HeadlessChromium.BrowserError("the browser did not answer within 30 s") }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = read(fromBrowser, &chunk, chunk.count)
            guard n > 0 else { throw HeadlessChromium.BrowserError("the browser closed its pipe") }
            buffer += chunk[..<n]
        }
    }

    /// The value of a JavaScript expression in the page (promises awaited).
    @discardableResult
    func evaluate(_ expression: String) throws -> Any? {
        let r = try call("Runtime.evaluate", ["expression": expression, "awaitPromise": true, "returnByValue": true])
        if let e = r["exceptionDetails"] as? [String: Any] { throw HeadlessChromium.BrowserError("\(expression): \(e["text"] ?? e)") }
        return (r["result"] as? [String: Any])?["value"]
    }

    func string(_ expression: String) throws -> String { try evaluate(expression) as? String ?? "" }

    /// Waits until the expression is true; fails the test with `what` after 15 s.
    func wait(for expression: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if (try? evaluate("Boolean(\(expression))")) as? Bool == true { return }
            usleep(50_000)
        }
        XCTFail("timed out waiting for \(what)", file: file, line: line)
        throw HeadlessChromium.BrowserError("timed out waiting for \(what)")
    }

    func navigate(_ url: String) throws {
        try call("Page.navigate", ["url": url])
    }

    /// A key press as a keyboard sends it (Tab moves focus; Enter submits).
    func press(_ key: String, code: Int, shift: Bool = false) throws {
        // A key that types a character (Enter: "\r") goes down as keyDown with its text, which
        // is what makes a form submit; the others as rawKeyDown.
        let text = key == "Enter" ? "\r" : nil
        for type in [text == nil ? "rawKeyDown" : "keyDown", "keyUp"] {
            var params: [String: Any] = ["type": type, "key": key, "code": key, "windowsVirtualKeyCode": code, "modifiers": shift ? 8 : 0]
            if let text, type == "keyDown" { params["text"] = text }
            try call("Input.dispatchKeyEvent", params)
        }
    }

    /// Types text into the focused field, as keystrokes do.
    func type(_ text: String) throws {
        try call("Input.insertText", ["text": text])
    }

    /// Opens `url` in a `width`×`height` window, waits for the page's script to finish (it
    /// marks `data-ready`, or shows a problem), saves `<screenshot>.png` in the output
    /// folder and returns the DOM as the scripts left it.
    func load(_ url: String, screenshot name: String, width: Int = 1280, height: Int = 1400, waitForScript: Bool = true) throws -> String {
        try call("Emulation.setDeviceMetricsOverride", ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": false])
        // From a blank page, so a link to a place in the page just shown is a fresh load too.
        try navigate("about:blank")
        try wait(for: "location.href === 'about:blank'", "a blank page")
        try navigate(url)
        let loaded = "location.href !== 'about:blank' && document.readyState === 'complete'"
        try wait(for: waitForScript ? loaded + " && document.querySelector('[data-ready], .problem')" : loaded, "\(url) to finish")
        try screenshot(name)
        return "<!DOCTYPE html>\n" + (try string("document.documentElement.outerHTML"))
    }

    func screenshot(_ name: String) throws {
        let r = try call("Page.captureScreenshot", ["format": "png"])
        let data = try XCTUnwrap(Data(base64Encoded: r["data"] as? String ?? ""))
        try data.write(to: HeadlessChromium.outputFolder.appendingPathComponent(name + ".png"))
    }
}
