import Foundation

/// One file of the web interface, read from the bundle once, with its tag for `ETag`.
public struct WebAsset: Sendable {
    public let contentType: String
    public let bytes: [UInt8]
    /// A strong entity tag: the bytes never change while the binary runs.
    public let etag: String
}

/// The web pages served from the binary (`GET /`, `/articles`, `/articles/{id}`, `/figures`,
/// `/entities/{id}`) and their scripts and style sheet under `/ui/`. Every page is a static
/// shell holding no data: its script reads everything from the JSON API, so serving a page
/// reveals nothing and needs no token even when reads do.
public enum WebPages {
    /// The asset served at a GET path, or nil when the path is no page and no `/ui/` file.
    public static func asset(forPath path: String) -> WebAsset? {
        guard let name = fileName(forPath: path) else { return nil }
        return assets[name]
    }

    /// True for the paths of pages and their files; query strings are the page script's business.
    public static func isPagePath(_ path: String) -> Bool {
        fileName(forPath: path) != nil
    }

    /// The policy every page is served with: scripts, styles and requests from this origin
    /// only, no inline script or style, no framing, forms posting only here.
    public static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    static let pages: [String: String] = [
        "": "index.html", "articles": "articles.html", "figures": "figures.html",
    ]
    static let pagesWithID: [String: String] = ["articles": "article.html", "entities": "entity.html"]

    static func fileName(forPath path: String) -> String? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        switch segments.count {
        case 0: return pages[""]
        case 1: return pages[segments[0]]
        case 2 where segments[0] == "ui": return assets[segments[1]] == nil ? nil : segments[1]
        case 2: return pagesWithID[segments[0]]
        default: return nil
        }
    }

    static let contentTypes: [String: String] = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8", "png": "image/png", "svg": "image/svg+xml",
    ]

    /// Every file of `Resources/` by name, loaded at first use.
    static let assets: [String: WebAsset] = {
        guard let folder = Bundle.module.url(forResource: "Resources", withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [:] }
        var out: [String: WebAsset] = [:]
        for name in names {
            let ext = String(name.split(separator: ".").last ?? "")
            guard let type = contentTypes[ext],
                  let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
            let bytes = Array(data)
            out[name] = WebAsset(contentType: type, bytes: bytes, etag: "\"w" + fnv1a(bytes) + "\"")
        }
        return out
    }()

    /// FNV-1a, 64 bits, in hex: enough to tell two versions of a file apart, which is all a tag needs.
    static func fnv1a(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
