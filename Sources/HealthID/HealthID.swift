// Resident registry and health-insurance lookup.
