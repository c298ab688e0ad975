-- rapportage.bijstellingen_editie: de gepubliceerde cijfers van deze editie die anders zijn dan in de vorige
-- editie (de editie van de maand ervoor, zoals gearchiveerd), met het verschil en de reden. Grain: figuur x
-- periode. Leeg als er geen vorige editie is of niets veranderde. Verwacht de relatie vergelijking uit
-- pipelines.lib.vergelijking.
-- figuur: Het cijfer, zoals in de Maandrapportage (bv. Bezetting COA-opvang).
-- periode: De periode van het cijfer: jjjj-mm, of de CBS-periodecode (2026MM09).
-- eenheid: Eenheid van het cijfer (personen, plekken, zaken).
-- vorige_waarde: Het cijfer in de vorige editie.
-- waarde: Het cijfer in deze editie.
-- verschil: waarde - vorige_waarde.
-- reden: Waarom het veranderde: een bijgestelde levering (met bestand en datum), een andere codeversie
--   (definitie of berekening gewijzigd) of nieuwe brongegevens voor andere perioden.
-- vorige_editie: Editie-id van de editie waarmee is vergeleken.
select figuur, periode, eenheid, vorige_waarde, waarde, verschil, reden, vorige_editie
from vergelijking
order by figuur, periode desc
