-- vertrek: the rows that break rule ytd_is_jaar (none when it holds).
-- melding: kpi.vertrek {jaar}: year-to-date aantoonbaar in de laatste maand {ytd_aantoonbaar} ≠
--   jaar {aantoonbaar}
select j.jaar, j.aantoonbaar, v.ytd_aantoonbaar from kpi.vertrek_jaar j
join kpi.vertrek v on v.jaar = j.jaar and v.maand_nummer = j.tm_maand
where v.ytd_aantoonbaar <> j.aantoonbaar
