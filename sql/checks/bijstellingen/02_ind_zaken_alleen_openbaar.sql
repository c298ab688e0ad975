-- bijstellingen: the rows that break rule ind_zaken_alleen_openbaar (none when it holds).
-- melding: kpi.bijstellingen ind_zaken {periode} {sleutel}: {oud} -> {nieuw} is geen afgerond en
--   onderdrukt aantal
select periode, sleutel, oud, nieuw from kpi.bijstellingen
where bron = 'ind_zaken'
  and (kolom <> 'aantal' or try_cast(oud as bigint) % 10 <> 0 or try_cast(nieuw as bigint) % 10 <> 0
       or try_cast(oud as bigint) < 10 or try_cast(nieuw as bigint) < 10)
