import CZeroMQ

/// The ZeroMQ socket patterns Frontier can create.
///
/// The cluster uses ROUTER (coordinator), DEALER (workers and CLI requests),
/// PUB (coordinator front updates) and SUB (CLI tailing); the others are here
/// because they cost nothing and help in tests and tools.
public enum ZMQSocketKind: Sendable, CaseIterable, CustomStringConvertible {
    case router, dealer, pub, sub, pair, req, rep, push, pull

    /// The libzmq socket type constant.
    var rawType: Int32 {
        switch self {
        case .router: return ZMQ_ROUTER
        case .dealer: return ZMQ_DEALER
        case .pub: return ZMQ_PUB
        case .sub: return ZMQ_SUB
        case .pair: return ZMQ_PAIR
        case .req: return ZMQ_REQ
        case .rep: return ZMQ_REP
        case .push: return ZMQ_PUSH
        case .pull: return ZMQ_PULL
        }
    }

    /// The upper-case ZeroMQ name, e.g. "ROUTER".
    public var description: String {
        switch self {
        case .router: return "ROUTER"
        case .dealer: return "DEALER"
        case .pub: return "PUB"
        case .sub: return "SUB"
        case .pair: return "PAIR"
        case .req: return "REQ"
        case .rep: return "REP"
        case .push: return "PUSH"
        case .pull: return "PULL"
        }
    }
}
