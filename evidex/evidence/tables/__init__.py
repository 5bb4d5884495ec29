"""Tables -> evidence: a router classifies each table and hands it to the reader registered for its kind."""
