-- meta.cbs_tolerantie(cellen): how far a CBS total may lie from the sum of `cellen` CBS cells. CBS
-- rounds every cell to 5, so each cell and the total may be off by half of that (2,5).
create or replace macro meta.cbs_tolerantie(cellen) as 5 / 2 * (cellen + 1)
