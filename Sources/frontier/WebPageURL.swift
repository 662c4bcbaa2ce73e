import Foundation
import FrontierCluster

/// Where a sweep's page of the coordinator's web view is: `BASE/sweeps/ID`, keeping a query
/// (`?token=...`) of the base. Without a base, the coordinator's host on port 8080 (the
/// documented default of `--http`): the coordinator does not announce its HTTP address.
enum WebPageURL {
    static func sweepPage(sweepID: String, base: String?, coordinator: String) -> String {
        // A wildcard or unparsable coordinator host means this machine.
        let base = base ?? "http://\(PublishEndpoint.host(of: coordinator) ?? "127.0.0.1"):8080"
        var components = URLComponents(string: base) ?? URLComponents()
        let path = components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path
        let id = sweepID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/")))
            ?? sweepID
        components.percentEncodedPath = path + "/sweeps/" + id
        return components.string ?? "\(base)/sweeps/\(id)"
    }
}
