"""Reconciliation of the indicator tables: parts add up to totals, no negative stock, shares in range.

Every rule is a static query that returns the offending rows (named parameters only) and a
Dutch message template over the row's columns. `check(conn, indicator)` runs the rules of one
indicator and returns readable failures; an empty list means the indicator reconciles. The
Dagster asset checks (blocking) in `pipelines/defs/indicators/` call it.

CBS rounds its cells to 5, so sums over CBS cells get a tolerance of half the rounding unit
per cell involved (`CBS_AFRONDING`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

from pipelines.lib import beleidsclaims

CBS_AFRONDING = 5
MAX_MESSAGES_PER_RULE = 10


@dataclass(frozen=True)
class Rule:
    name: str
    sql: str  # returns the violating rows
    message: str  # str.format template over the row's columns
    params: tuple[tuple[str, Any], ...] = ()


def _tol(parts: int) -> float:
    """Tolerance for a CBS total against the sum of `parts` CBS cells."""
    return CBS_AFRONDING / 2 * (parts + 1)


def _shares(table: str, key: str, columns: tuple[str, ...]) -> list[Rule]:
    """Shares in % lie within 0..100 (table and column names are code constants)."""
    return [
        Rule(
            f"{table}.{col}_0_100",
            f"select {key} as sleutel, {col} as waarde from kpi.{table} where {col} < 0 or {col} > 100",
            f"kpi.{table} {{sleutel}}: {col} = {{waarde:.2f}} ligt niet tussen 0 en 100%",
        )
        for col in columns
    ]


def _not_negative(table: str, key: str, columns: tuple[str, ...]) -> list[Rule]:
    return [
        Rule(
            f"{table}.{col}_niet_negatief",
            f"select {key} as sleutel, {col} as waarde from kpi.{table} where {col} < 0",
            f"kpi.{table} {{sleutel}}: {col} = {{waarde}} is negatief",
        )
        for col in columns
    ]


RULES: dict[str, list[Rule]] = {
    "instroom": [
        Rule(
            "totaal_is_som",
            """select perioden, totaal, eerste + volgende + nareizigers as som from kpi.instroom
               where abs(totaal - (eerste + volgende + nareizigers)) > $tol""",
            "kpi.instroom {perioden}: totaal {totaal} ≠ eerste + volgende + nareizigers = {som}",
            (("tol", _tol(3)),),
        ),
        Rule(
            "kwartaal_is_som_maanden",
            """select k.perioden, k.totaal, sum(m.totaal) as som, count(*) as maanden
               from kpi.instroom k
               join kpi.instroom m on m.periode_soort = 'maand' and m.jaar = k.jaar
                   and (m.periode_nummer - 1) // 3 + 1 = k.periode_nummer
               where k.periode_soort = 'kwartaal'
               group by k.perioden, k.totaal
               having count(*) = 3 and abs(k.totaal - sum(m.totaal)) > $tol""",
            "kpi.instroom {perioden}: kwartaaltotaal {totaal} ≠ som van de maanden {som}",
            (("tol", _tol(3)),),
        ),
        Rule(
            "jaar_is_som_maanden",
            """select k.perioden, k.totaal, sum(m.totaal) as som
               from kpi.instroom k
               join kpi.instroom m on m.periode_soort = 'maand' and m.jaar = k.jaar
               where k.periode_soort = 'jaar'
               group by k.perioden, k.totaal
               having count(*) = 12 and abs(k.totaal - sum(m.totaal)) > $tol""",
            "kpi.instroom {perioden}: jaartotaal {totaal} ≠ som van de maanden {som}",
            (("tol", _tol(12)),),
        ),
        *_not_negative("instroom", "perioden", ("eerste", "volgende", "nareizigers", "totaal")),
        *_shares(
            "instroom_nationaliteiten", "perioden || ' ' || nationaliteit", ("aandeel_eerste_pct",)
        ),
    ],
    "opvang": [
        Rule(
            "totaal_is_som_opvangsoorten",
            """select o.maand, o.bezetting, o.capaciteit, o.vergunninghouders, o.kosten_per_jaar,
                      s.bezetting as s_bezetting, s.capaciteit as s_capaciteit,
                      s.vergunninghouders as s_vergunninghouders, s.kosten_per_jaar as s_kosten
               from kpi.opvang o
               join (select maand, sum(bezetting) as bezetting, sum(capaciteit) as capaciteit,
                            sum(waarvan_vergunninghouders) as vergunninghouders,
                            sum(kosten_per_jaar) as kosten_per_jaar
                     from kpi.opvang_opvangsoort group by maand) s using (maand)
               where o.bezetting <> s.bezetting or o.capaciteit <> s.capaciteit
                  or o.vergunninghouders <> s.vergunninghouders
                  or abs(o.kosten_per_jaar - s.kosten_per_jaar) > 1""",
            "kpi.opvang {maand}: totaal (bezetting {bezetting}, capaciteit {capaciteit}, vergunninghouders "
            "{vergunninghouders}, kosten {kosten_per_jaar:.0f}) ≠ som over de opvangsoorten (bezetting "
            "{s_bezetting}, capaciteit {s_capaciteit}, vergunninghouders {s_vergunninghouders}, kosten {s_kosten:.0f})",
        ),
        Rule(
            "dure_regulier_overig_is_bezetting",
            """select maand, bezetting, bezetting_dure_opvang + bezetting_regulier + bezetting_overig as som,
                      kosten_per_jaar,
                      kosten_dure_opvang_per_jaar + kosten_regulier_per_jaar + kosten_overig_per_jaar as som_kosten
               from kpi.opvang
               where bezetting <> bezetting_dure_opvang + bezetting_regulier + bezetting_overig
                  or abs(kosten_per_jaar
                         - (kosten_dure_opvang_per_jaar + kosten_regulier_per_jaar + kosten_overig_per_jaar)) > 1""",
            "kpi.opvang {maand}: dure opvang + regulier + overig = {som} (kosten {som_kosten:.0f}) ≠ "
            "bezetting {bezetting} (kosten {kosten_per_jaar:.0f})",
        ),
        Rule(
            "vergunninghouders_binnen_bezetting",
            """select maand, opvangsoort, waarvan_vergunninghouders, bezetting from kpi.opvang_opvangsoort
               where waarvan_vergunninghouders > bezetting""",
            "kpi.opvang_opvangsoort {maand} {opvangsoort}: waarvan vergunninghouders "
            "{waarvan_vergunninghouders} > bezetting {bezetting}",
        ),
        *_not_negative(
            "opvang", "maand", ("bezetting", "capaciteit", "vergunninghouders", "kosten_per_jaar")
        ),
        *_shares(
            "opvang",
            "maand",
            (
                "aandeel_dure_opvang_pct",
                "aandeel_kosten_dure_opvang_pct",
                "aandeel_vergunninghouders_pct",
            ),
        ),
        *_shares("opvang_opvangsoort", "maand || ' ' || opvangsoort", ("aandeel_bezetting_pct",)),
    ],
    "taakstelling_achterstand": [
        Rule(
            "nationaal_is_som_gemeenten",
            """select n.maand, n.achterstand, n.resterende_opgave, n.gemeenten_met_achterstand,
                      g.achterstand as g_achterstand, g.resterende_opgave as g_resterende_opgave,
                      g.met_achterstand as g_met_achterstand
               from kpi.taakstelling_achterstand_nationaal n
               join (select maand, sum(achterstand) as achterstand, sum(resterende_opgave) as resterende_opgave,
                            count(*) filter (where achterstand > 0) as met_achterstand
                     from kpi.taakstelling_achterstand group by maand) g using (maand)
               where n.achterstand <> g.achterstand or n.resterende_opgave <> g.resterende_opgave
                  or n.gemeenten_met_achterstand <> g.met_achterstand""",
            "kpi.taakstelling_achterstand_nationaal {maand}: achterstand {achterstand}, resterende opgave "
            "{resterende_opgave}, gemeenten met achterstand {gemeenten_met_achterstand} ≠ som over gemeenten "
            "({g_achterstand}, {g_resterende_opgave}, {g_met_achterstand})",
        ),
        Rule(
            "resterende_opgave_omvat_achterstand",
            """select gemeentecode, maand, achterstand, resterende_opgave from kpi.taakstelling_achterstand
               where taakstelling >= 0 and resterende_opgave < achterstand""",
            "kpi.taakstelling_achterstand {gemeentecode} {maand}: resterende opgave {resterende_opgave} "
            "< achterstand {achterstand}",
        ),
        Rule(
            "saldo_loopt_door",
            """select h.gemeentecode, h.maand, h.saldo_begin, v.saldo as saldo_vorig
               from kpi.taakstelling_achterstand h
               join kpi.taakstelling_achterstand v
                 on v.gemeentecode = h.gemeentecode and v.maand = h.halfjaar_start - interval 1 month
               where h.maand = h.halfjaar_start and h.saldo_begin <> v.saldo""",
            "kpi.taakstelling_achterstand {gemeentecode} {maand}: saldo begin halfjaar {saldo_begin} ≠ "
            "saldo eind vorig halfjaar {saldo_vorig}",
        ),
        Rule(
            "top10",
            """select t.maand, t.rang, t.gemeentecode, t.achterstand, g.achterstand as g_achterstand
               from kpi.taakstelling_achterstand_top10 t
               left join kpi.taakstelling_achterstand g using (maand, gemeentecode)
               where t.rang > 10 or g.achterstand is distinct from t.achterstand
                  or t.achterstand < (select max(achterstand) from kpi.taakstelling_achterstand x
                                      where x.maand = t.maand and x.gemeentecode not in (
                                          select gemeentecode from kpi.taakstelling_achterstand_top10 y
                                          where y.maand = t.maand))""",
            "kpi.taakstelling_achterstand_top10 {maand} rang {rang} ({gemeentecode}, achterstand {achterstand}): "
            "niet in overeenstemming met de gemeentecijfers (achterstand {g_achterstand})",
        ),
        *_not_negative(
            "taakstelling_achterstand",
            "gemeentecode || ' ' || maand",
            ("achterstand", "resterende_opgave", "gehuisvest"),
        ),
        *_not_negative(
            "taakstelling_achterstand_nationaal", "maand", ("achterstand", "resterende_opgave")
        ),
    ],
    "vertrek": [
        Rule(
            "aantoonbaar_is_som",
            """select cast(maand as varchar) as periode, aantoonbaar, zelfstandig_onder_toezicht + gedwongen as som
               from kpi.vertrek where aantoonbaar <> zelfstandig_onder_toezicht + gedwongen
               union all
               select cast(jaar as varchar), aantoonbaar, zelfstandig_onder_toezicht + gedwongen
               from kpi.vertrek_jaar where aantoonbaar <> zelfstandig_onder_toezicht + gedwongen""",
            "vertrek {periode}: aantoonbaar {aantoonbaar} ≠ zelfstandig onder toezicht + gedwongen = {som}",
        ),
        Rule(
            "jaar_is_som_maanden",
            """select j.jaar, j.aantoonbaar, j.zelfstandig_zonder_toezicht, m.aantoonbaar as m_aantoonbaar,
                      m.zzt as m_zzt
               from kpi.vertrek_jaar j
               join (select jaar, sum(aantoonbaar) as aantoonbaar, sum(zelfstandig_zonder_toezicht) as zzt
                     from kpi.vertrek group by jaar) m using (jaar)
               where j.aantoonbaar <> m.aantoonbaar or j.zelfstandig_zonder_toezicht <> m.zzt""",
            "kpi.vertrek_jaar {jaar}: aantoonbaar {aantoonbaar} / zonder toezicht {zelfstandig_zonder_toezicht} "
            "≠ som van de maanden {m_aantoonbaar} / {m_zzt}",
        ),
        Rule(
            "ytd_is_jaar",
            """select j.jaar, j.aantoonbaar, v.ytd_aantoonbaar from kpi.vertrek_jaar j
               join kpi.vertrek v on v.jaar = j.jaar and v.maand_nummer = j.tm_maand
               where v.ytd_aantoonbaar <> j.aantoonbaar""",
            "kpi.vertrek {jaar}: year-to-date aantoonbaar in de laatste maand {ytd_aantoonbaar} ≠ jaar {aantoonbaar}",
        ),
        Rule(
            "aandelen_groei_samen_100",
            """select jaar, aandeel_groei_zelfstandig_onder_toezicht_pct + aandeel_groei_gedwongen_pct as som
               from kpi.vertrek_jaar
               where abs(aandeel_groei_zelfstandig_onder_toezicht_pct + aandeel_groei_gedwongen_pct - 100) > 1e-6""",
            "kpi.vertrek_jaar {jaar}: aandelen in de groei tellen op tot {som:.2f}% in plaats van 100%",
        ),
        *_not_negative(
            "vertrek",
            "maand",
            (
                "zelfstandig_onder_toezicht",
                "gedwongen",
                "zelfstandig_zonder_toezicht",
                "aantoonbaar",
            ),
        ),
    ],
    "taskforce_budget": [
        Rule(
            "totaal_is_oda_plus_non_oda",
            """select jaar, totaal, oda, non_oda from kpi.taskforce_budget where totaal <> oda + non_oda""",
            "kpi.taskforce_budget {jaar}: totaal {totaal} ≠ ODA {oda} + non-ODA {non_oda}",
        ),
        Rule(
            "totaal_is_bho_plus_aenm",
            """select jaar, totaal, bho, aenm from kpi.taskforce_budget where totaal <> bho + aenm""",
            "kpi.taskforce_budget {jaar}: totaal {totaal} ≠ BHO {bho} + AenM {aenm} (regelingen buiten "
            "hoofdstuk XVII en XX?)",
        ),
        Rule(
            "hoofdstukken_oda_split",
            """select jaar, bho, bho_oda, bho_non_oda, aenm, aenm_oda, aenm_non_oda from kpi.taskforce_budget
               where bho <> bho_oda + bho_non_oda or aenm <> aenm_oda + aenm_non_oda""",
            "kpi.taskforce_budget {jaar}: BHO {bho} ≠ {bho_oda} + {bho_non_oda} of AenM {aenm} ≠ "
            "{aenm_oda} + {aenm_non_oda}",
        ),
        Rule(
            "totaal_is_som_regelingen",
            """select t.jaar, t.totaal, r.som from kpi.taskforce_budget t
               full outer join (select jaar, sum(bedrag) as som from kpi.taskforce_budget_regelingen group by jaar) r
                 using (jaar)
               where t.totaal is distinct from r.som""",
            "kpi.taskforce_budget {jaar}: totaal {totaal} ≠ som van de regelingen {som}",
        ),
    ],
    "ind_afhandeling": [
        Rule(
            "beslissingen_is_som",
            """select maand, procedure, beslissingen, inwilligingen, afwijzingen from kpi.ind_afhandeling
               where beslissingen <> inwilligingen + afwijzingen""",
            "kpi.ind_afhandeling {maand} {procedure}: beslissingen {beslissingen} ≠ inwilligingen "
            "{inwilligingen} + afwijzingen {afwijzingen}",
        ),
        Rule(
            "totaal_is_som_procedures",
            """select t.maand, t.aanvragen, t.beslissingen, t.intrekkingen, t.afgehandeld, t.voorraad,
                      t.doorlooptijd_n, t.binnen_termijn,
                      p.aanvragen as p_aanvragen, p.beslissingen as p_beslissingen,
                      p.intrekkingen as p_intrekkingen, p.afgehandeld as p_afgehandeld,
                      p.voorraad as p_voorraad, p.doorlooptijd_n as p_doorlooptijd_n,
                      p.binnen_termijn as p_binnen_termijn
               from kpi.ind_afhandeling t
               join (select maand, sum(aanvragen) as aanvragen, sum(beslissingen) as beslissingen,
                            sum(intrekkingen) as intrekkingen, sum(afgehandeld) as afgehandeld,
                            sum(voorraad) as voorraad, sum(doorlooptijd_n) as doorlooptijd_n,
                            sum(binnen_termijn) as binnen_termijn
                     from kpi.ind_afhandeling where procedure <> 'totaal' group by maand) p using (maand)
               where t.procedure = 'totaal'
                 and (t.aanvragen <> p.aanvragen or t.beslissingen <> p.beslissingen
                      or t.intrekkingen <> p.intrekkingen or t.afgehandeld <> p.afgehandeld
                      or t.voorraad is distinct from p.voorraad or t.doorlooptijd_n <> p.doorlooptijd_n
                      or t.binnen_termijn <> p.binnen_termijn)""",
            "kpi.ind_afhandeling {maand}: totaal (aanvragen {aanvragen}, beslissingen {beslissingen}, "
            "intrekkingen {intrekkingen}, afgehandeld {afgehandeld}, voorraad {voorraad}, doorlooptijd_n "
            "{doorlooptijd_n}, binnen termijn {binnen_termijn}) ≠ som over de procedures ({p_aanvragen}, "
            "{p_beslissingen}, {p_intrekkingen}, {p_afgehandeld}, {p_voorraad}, {p_doorlooptijd_n}, "
            "{p_binnen_termijn})",
        ),
        Rule(
            "voorraad_bekend_en_niet_negatief",
            """select maand, procedure, voorraad from kpi.ind_afhandeling where voorraad is null or voorraad < 0""",
            "kpi.ind_afhandeling {maand} {procedure}: voorraad {voorraad} is onbekend of negatief",
        ),
        Rule(
            "doorlooptijden_consistent",
            """select maand, procedure, doorlooptijd_mediaan_dagen as mediaan, doorlooptijd_p90_dagen as p90,
                      binnen_termijn, doorlooptijd_n
               from kpi.ind_afhandeling
               where doorlooptijd_p90_dagen < doorlooptijd_mediaan_dagen or binnen_termijn > doorlooptijd_n""",
            "kpi.ind_afhandeling {maand} {procedure}: p90 {p90} < mediaan {mediaan} of binnen termijn "
            "{binnen_termijn} > beslissingen met doorlooptijd {doorlooptijd_n}",
        ),
        *_shares(
            "ind_afhandeling",
            "maand || ' ' || procedure",
            ("inwilligingspercentage", "binnen_termijn_pct"),
        ),
        Rule(
            "openbaar_afgerond_en_onderdrukt",
            """select o.maand, o.procedure, kolom, waarde from (
                   unpivot kpi.ind_afhandeling_openbaar
                   on aanvragen, inwilligingen, afwijzingen, intrekkingen, beslissingen, voorraad
                   into name kolom value waarde) o
               where waarde < 10 or waarde % 10 <> 0""",
            "kpi.ind_afhandeling_openbaar {maand} {procedure}: {kolom} = {waarde} is niet afgerond op tientallen "
            "of had onderdrukt moeten zijn",
        ),
        Rule(
            "openbaar_zelfde_rijen",
            """select coalesce(k.maand, o.maand) as maand, coalesce(k.procedure, o.procedure) as procedure
               from kpi.ind_afhandeling k
               full outer join kpi.ind_afhandeling_openbaar o using (maand, procedure)
               where k.maand is null or o.maand is null""",
            "kpi.ind_afhandeling_openbaar {maand} {procedure}: rij ontbreekt in de interne of de openbare tabel",
        ),
    ],
    "oekraine": [
        Rule(
            "dagen_tot_einde_rtb",
            """select maand, dagen_tot_einde_rtb, date_diff('day', peildatum, rtb_einddatum) as verwacht
               from kpi.oekraine where dagen_tot_einde_rtb <> date_diff('day', peildatum, rtb_einddatum)""",
            "kpi.oekraine {maand}: dagen tot einde RTB {dagen_tot_einde_rtb} ≠ {verwacht}",
        ),
        Rule(
            "kosten_is_bezetting_maal_kostprijs",
            """select maand, kosten_per_jaar, bezetting * kostprijs_per_plek_per_dag * 365 as verwacht
               from kpi.oekraine where abs(kosten_per_jaar - bezetting * kostprijs_per_plek_per_dag * 365) > 1""",
            "kpi.oekraine {maand}: kosten per jaar {kosten_per_jaar:.0f} ≠ bezetting x kostprijs x 365 = "
            "{verwacht:.0f}",
        ),
        *_not_negative("oekraine", "maand", ("opvangplekken", "bezetting", "kosten_per_jaar")),
    ],
    "realisatie_vs_prognose": [
        Rule(
            "ytd_is_som_maanden",
            """select r.maand, r.instroom_ytd, i.som from kpi.realisatie_vs_prognose r
               join (select a.periode_start as maand,
                            sum(coalesce(b.eerste, 0) + coalesce(b.volgende, 0) + coalesce(b.nareizigers, 0)) as som
                     from kpi.instroom a
                     join kpi.instroom b on b.periode_soort = 'maand' and b.jaar = a.jaar
                         and b.periode_nummer <= a.periode_nummer
                     where a.periode_soort = 'maand' group by a.periode_start) i using (maand)
               where r.instroom_ytd <> i.som""",
            "kpi.realisatie_vs_prognose {maand}: instroom year-to-date {instroom_ytd} ≠ som van de maanden {som}",
        ),
        Rule(
            "projectie_rechte_lijn",
            """select maand, projectie_jaareinde, instroom_ytd * 12.0 / maanden as verwacht
               from kpi.realisatie_vs_prognose
               where abs(projectie_jaareinde - instroom_ytd * 12.0 / maanden) > 1e-6""",
            "kpi.realisatie_vs_prognose {maand}: projectie {projectie_jaareinde:.1f} ≠ ytd x 12 / maanden = "
            "{verwacht:.1f}",
        ),
        Rule(
            "mpp_bandbreedte",
            """select distinct jaar, mpp_editie, mpp_min, mpp_midden, mpp_max from kpi.realisatie_vs_prognose
               where mpp_min > mpp_midden or mpp_midden > mpp_max""",
            "kpi.realisatie_vs_prognose {jaar}: MPP {mpp_editie} min {mpp_min} / midden {mpp_midden} / max "
            "{mpp_max} niet oplopend",
        ),
    ],
    "begroting": [
        Rule(
            "subtotalen",
            """with r as (
                   select *, t_min2 || '|' || t_min1 || '|' || t0 || '|' || t_plus1 || '|' || t_plus2 || '|'
                             || t_plus3 || '|' || t_plus4 as bedragen
                   from kpi.begroting
               ),
               kind as (
                   select begrotingsjaar, hoofdstuk, artikel, vuo,
                          case niveau when 'artikelonderdeel' then 'totaal' when 'instrument' then 'artikelonderdeel'
                                      else 'instrument' end as ouder_niveau,
                          case when niveau = 'artikelonderdeel' then null else artikelonderdeel end as artikelonderdeel,
                          case when niveau = 'regeling' then instrument end as instrument,
                          sum(t_min2) as t_min2, sum(t_min1) as t_min1, sum(t0) as t0, sum(t_plus1) as t_plus1,
                          sum(t_plus2) as t_plus2, sum(t_plus3) as t_plus3, sum(t_plus4) as t_plus4
                   from kpi.begroting where niveau <> 'totaal'
                   group by all
               )
               select o.begrotingsjaar, o.artikel, o.omschrijving, o.bedragen,
                      k.t_min2 || '|' || k.t_min1 || '|' || k.t0 || '|' || k.t_plus1 || '|' || k.t_plus2 || '|'
                      || k.t_plus3 || '|' || k.t_plus4 as som
               from r o
               join kind k on k.begrotingsjaar = o.begrotingsjaar and k.hoofdstuk = o.hoofdstuk
                   and k.artikel = o.artikel and k.vuo = o.vuo and k.ouder_niveau = o.niveau
                   and k.artikelonderdeel is not distinct from (case when o.niveau = 'totaal' then null
                                                                     else o.artikelonderdeel end)
                   and k.instrument is not distinct from (case when o.niveau = 'instrument' then o.instrument end)
               where (o.t_min2, o.t_min1, o.t0, o.t_plus1, o.t_plus2, o.t_plus3, o.t_plus4)
                     <> (k.t_min2, k.t_min1, k.t0, k.t_plus1, k.t_plus2, k.t_plus3, k.t_plus4)""",
            "kpi.begroting {begrotingsjaar} artikel {artikel}, '{omschrijving}': {bedragen} ≠ som van de regels "
            "eronder {som}",
        ),
        Rule(
            "vuo_nooit_samen",
            """select b.begrotingsjaar, b.artikel, b.vuo, b.t0, s.t0 as stg_t0
               from kpi.begroting b
               join (select begrotingsjaar, hoofdstuk, artikel, vuo, sum(bedrag) as t0
                     from stg.budgettaire_tabel where t_offset = 0 group by all) s
                 using (begrotingsjaar, hoofdstuk, artikel, vuo)
               where b.niveau = 'totaal' and b.t0 <> s.t0""",
            "kpi.begroting {begrotingsjaar} artikel {artikel} {vuo}: totaal {t0} ≠ {stg_t0}, de som van alleen "
            "de geleverde regels van soort {vuo}",
        ),
        Rule(
            "een_totaal_per_soort",
            """select begrotingsjaar, artikel, vuo, count(*) as aantal from kpi.begroting
               where niveau = 'totaal' group by begrotingsjaar, hoofdstuk, artikel, vuo having count(*) > 1""",
            "kpi.begroting {begrotingsjaar} artikel {artikel}: {aantal} totaalregels voor soort {vuo}",
        ),
        Rule(
            "staten_verschil",
            """select begrotingsjaar, begrotingsnummer, artikelnummer, vuo, verschil,
                      realisatie - vastgesteld as verwacht
               from kpi.begroting_staten where verschil is distinct from realisatie - vastgesteld""",
            "kpi.begroting_staten {begrotingsjaar} {begrotingsnummer} art. {artikelnummer} {vuo}: verschil {verschil} "
            "≠ realisatie - vastgestelde begroting = {verwacht}",
        ),
    ],
    "bijstellingen": [
        Rule(
            "bijstelling_is_wijziging",
            """select bron, periode, sleutel, kolom, oud, nieuw from kpi.bijstellingen
               where soort not in ('gewijzigd', 'nieuw', 'vervallen')
                  or (soort = 'gewijzigd' and oud is not distinct from nieuw)
                  or delivery_id <= vorige_delivery_id""",
            "kpi.bijstellingen {bron} {periode} {sleutel} {kolom}: geen echte bijstelling ({oud} -> {nieuw})",
        ),
        Rule(
            "ind_zaken_alleen_openbaar",
            """select periode, sleutel, oud, nieuw from kpi.bijstellingen
               where bron = 'ind_zaken'
                 and (kolom <> 'aantal' or try_cast(oud as bigint) % 10 <> 0 or try_cast(nieuw as bigint) % 10 <> 0
                      or try_cast(oud as bigint) < 10 or try_cast(nieuw as bigint) < 10)""",
            "kpi.bijstellingen ind_zaken {periode} {sleutel}: {oud} -> {nieuw} is geen afgerond en onderdrukt aantal",
        ),
    ],
    "beleidsclaims": [
        Rule(
            "status_toegestaan",
            """select claim_id, status from kpi.beleidsclaims
               where status not in ('bevestigd', 'afwijkend', 'geen data')""",
            "kpi.beleidsclaims {claim_id}: status '{status}' is niet bevestigd / afwijkend / geen data",
        ),
        Rule(
            "gemeten_bij_oordeel",
            """select claim_id, status from kpi.beleidsclaims
               where status in ('bevestigd', 'afwijkend') and gemeten is null""",
            "kpi.beleidsclaims {claim_id}: status {status} zonder gemeten waarde",
        ),
        Rule(
            "claims_compleet",
            """select c.claim_id, count(b.claim_id) as aantal
               from (select unnest($claim_ids) as claim_id) c
               left join kpi.beleidsclaims b using (claim_id)
               group by c.claim_id having count(b.claim_id) <> 1""",
            "kpi.beleidsclaims: claim {claim_id} komt {aantal} keer voor in plaats van 1 keer",
        ),
    ],
}


def _params(rule: Rule) -> dict[str, Any] | None:
    params = dict(rule.params)
    if "$claim_ids" in rule.sql:
        params["claim_ids"] = [c.id for c in beleidsclaims.load_claims()]
    return params or None


def check(conn: duckdb.DuckDBPyConnection, indicator: str) -> list[str]:
    """Readable failures of the indicator's reconciliation rules; [] when everything reconciles."""
    failures: list[str] = []
    for rule in RULES[indicator]:
        rel = conn.sql(rule.sql, params=_params(rule))
        columns, rows = rel.columns, rel.fetchall()
        for row in rows[:MAX_MESSAGES_PER_RULE]:
            values = {c: ("leeg" if v is None else v) for c, v in zip(columns, row, strict=True)}
            try:
                failures.append(rule.message.format(**values))
            except (ValueError, TypeError):  # a None where a number format was expected
                failures.append(
                    rule.message.replace(":.0f}", "}")
                    .replace(":.1f}", "}")
                    .replace(":.2f}", "}")
                    .format(**values)
                )
        if len(rows) > MAX_MESSAGES_PER_RULE:
            failures.append(
                f"... en nog {len(rows) - MAX_MESSAGES_PER_RULE} keer regel {indicator}.{rule.name}"
            )
    return failures
