// Resident registry and health-insurance lookup: identifier validation (`CitizenID`,
// `InsuranceCardCode`, `SocialInsuranceNumber`), registry import (`RegistryImporter`) and the
// `Lookup` facade over the store's resident registry.
