import FrontierML
