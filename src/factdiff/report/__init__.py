"""Reports: terminal text, JSON documents and HTML pages built from analyses and comparisons."""
