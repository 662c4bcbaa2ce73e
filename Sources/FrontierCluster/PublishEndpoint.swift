/// Where a client subscribes to front updates: the PUB endpoint the coordinator
/// advertises in `SweepStatus.publish_endpoint`, so one `--coordinator` is enough.
public enum PublishEndpoint {
    /// Hosts that mean "every interface" when bound, so a client replaces them with
    /// the host it reached the coordinator at.
    static let wildcardHosts: Set<String> = ["*", "0.0.0.0", "[::]", "::", "[*]"]

    /// `advertised` with a wildcard host replaced by the host of `coordinator`
    /// (`tcp://0.0.0.0:5556` advertised, `tcp://head:5555` reached: `tcp://head:5556`).
    /// Nil when nothing is advertised (a coordinator before protocol 1.2).
    public static func resolve(advertised: String, coordinator: String) -> String? {
        guard !advertised.isEmpty else { return nil }
        guard let (scheme, host, port) = split(advertised), wildcardHosts.contains(host),
              let (_, coordinatorHost, _) = split(coordinator), !wildcardHosts.contains(coordinatorHost) else {
            return advertised
        }
        return "\(scheme)://\(coordinatorHost):\(port)"
    }

    /// The host of a `tcp://host:port` endpoint a client can reach; nil for a wildcard host
    /// (every interface: the client's own machine) or an endpoint that is not TCP.
    public static func host(of endpoint: String) -> String? {
        guard let (_, host, _) = split(endpoint), !host.isEmpty, !wildcardHosts.contains(host) else { return nil }
        return host
    }

    /// Scheme, host and port of `tcp://host:port` (the host may be a bracketed IPv6 address).
    private static func split(_ endpoint: String) -> (scheme: String, host: String, port: String)? {
        guard let schemeEnd = endpoint.range(of: "://") else { return nil }
        let scheme = String(endpoint[..<schemeEnd.lowerBound])
        let rest = endpoint[schemeEnd.upperBound...]
        guard scheme == "tcp", let colon = rest.lastIndex(of: ":") else { return nil }
        return (scheme, String(rest[..<colon]), String(rest[rest.index(after: colon)...]))
    }
}
