// The kiosk's SQLite database (GRDB): migrations, visits, payments, identity checks, outbox.
