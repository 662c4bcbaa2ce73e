import Foundation

/// Where a sweep's page of the coordinator's web view is: `BASE/sweeps/ID`, keeping a query
/// (`?token=...`) of the base. Without a base, the coordinator's host on port 8080 (the
/// documented default of `--http`): the coordinator does not announce its HTTP address.
enum WebPageURL {
    static func sweepPage(sweepID: String, base: String?, coordinator: String) -> String {
        let base = base ?? "http://\(host(ofEndpoint: coordinator)):8080"
        var components = URLComponents(string: base) ?? URLComponents()
        let path = components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path
        let id = sweepID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/")))
            ?? sweepID
        components.percentEncodedPath = path + "/sweeps/" + id
        return components.string ?? "\(base)/sweeps/\(id)"
    }

    /// `tcp://head:5555` → `head`; a wildcard host means this machine.
    static func host(ofEndpoint endpoint: String) -> String {
        var rest = Substring(endpoint)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        if let colon = rest.lastIndex(of: ":") { rest = rest[..<colon] }
        return rest.isEmpty || rest == "*" || rest == "0.0.0.0" ? "127.0.0.1" : String(rest)
    }
}
