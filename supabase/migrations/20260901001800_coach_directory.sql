-- Annuaire des coachs : une ligne par coach avec son profil, son tarif, sa note moyenne et ses
-- domaines d'expertise, pour la page de recherche de coach.

-- ============================================================================================
-- Index
-- ============================================================================================
create index coaches_rating_idx on public.coaches (rating_average desc nulls last, rating_count desc);

-- ============================================================================================
-- Vues
-- ============================================================================================
-- security_invoker : lue avec les droits (et la RLS) de l'utilisateur connecté.
create view public.coach_directory
with (security_invoker = true)
as
select
  c.id,
  p.first_name,
  p.last_name,
  p.headline,
  p.avatar_path,
  c.bio,
  c.hourly_rate,
  c.weekly_availability,
  c.linkedin_url,
  c.rating_average,
  c.rating_count,
  coalesce(d.domain_ids, '{}') as domain_ids,
  coalesce(d.domain_slugs, '{}') as domain_slugs,
  coalesce(d.domain_names, '{}') as domain_names
from public.coaches c
join public.profiles p on p.id = c.id
left join lateral (
  select
    array_agg(ed.id order by ed.name) as domain_ids,
    array_agg(ed.slug order by ed.name) as domain_slugs,
    array_agg(ed.name order by ed.name) as domain_names
  from public.coach_domains cd
  join public.expertise_domains ed on ed.id = cd.domain_id
  where cd.coach_id = c.id
) d on true;
comment on view public.coach_directory is
  'Annuaire des coachs : profil, tarif, note moyenne et domaines d''expertise de chaque coach.';
comment on column public.coach_directory.domain_ids is
  'Domaines proposés ; filtrer avec domain_ids=cs.{<id>} (contient).';

-- ============================================================================================
-- Droits
-- ============================================================================================
grant select on public.coach_directory to authenticated, service_role;
