import Foundation

/// The OpenAPI description served at `GET /openapi.yaml`: the repository's top-level
/// `openapi.yaml` (a link to this resource), shipped inside the binary.
public enum OpenAPIDocument {
    public static func bundled() -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
              let data = try? Data(contentsOf: url) else { return [] }
        return Array(data)
    }
}
