-- meta.delivery_id_seq: the register's delivery numbers, in order of arrival.
create sequence if not exists meta.delivery_id_seq start 1
