public enum FrontierProtocolPlaceholder {}
