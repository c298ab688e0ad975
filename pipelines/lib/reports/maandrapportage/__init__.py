"""The chapters of the Maandrapportage Migratieketen, in reading order."""
