// Upstream synchronisation: FHIR R4 mapping, HTTP client, sync engine.
