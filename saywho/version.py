"""saywho's version, in a leaf module: the store, the web pages and the workers' check
read it without importing the package's face (which names the store itself)."""
__version__ = "0.1.0"
