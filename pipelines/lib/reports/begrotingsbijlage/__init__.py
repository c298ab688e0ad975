"""The chapters of the Begrotingsbijlage Asiel en Migratie, in reading order."""
