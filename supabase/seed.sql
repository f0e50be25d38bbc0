-- Données de démonstration : un petit écosystème d'entrepreneurs lyonnais et français.
-- Exécuté par `supabase db reset` / `supabase start` et par la pile locale sur une base neuve,
-- en tant que postgres. Les dates sont relatives à now() : la démo a toujours des séances passées
-- et à venir.
--
-- Comptes de démonstration (mot de passe commun : Entreprendre2026!) :
--   membre      membre@demo.reseau-entrepreneurs.fr      Camille Martin
--   entreprise  entreprise@demo.reseau-entrepreneurs.fr  Julien Moreau (Atelier Lumen)
--   coach       coach@demo.reseau-entrepreneurs.fr       Sophie Lefèvre
-- Tous les autres comptes (prenom.nom@demo.reseau-entrepreneurs.fr) ont le même mot de passe.
--
-- Les fichiers des documents sont dans supabase/seed/documents/<id du propriétaire>/<clé> ;
-- config.toml ([storage.buckets.documents] objects_path) les fait téléverser au démarrage.

-- ============================================================================================
-- Outils de la graine (fonctions temporaires de la session)
-- ============================================================================================

-- Un instant à l'heure de Paris : aujourd'hui + days, à l'heure hh:mm.
create function pg_temp.paris(days integer, clock text)
returns timestamptz
language sql
stable
as $$
  select ((((now() at time zone 'Europe/Paris')::date + days) + clock::time) at time zone 'Europe/Paris')
$$;

-- Un compte Auth que GoTrue sait connecter : mot de passe bcrypt, e-mail confirmé, chaînes vides
-- (pas null) dans les colonnes de jetons, et son identité « email ».
create function pg_temp.seed_user(
  user_id uuid, email text, first_name text, last_name text, role text, joined_days_ago integer
)
returns void
language plpgsql
as $$
declare
  joined timestamptz := now() - make_interval(days => joined_days_ago);
begin
  insert into auth.users (
    instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
    raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
    confirmation_token, recovery_token, email_change_token_new, email_change
  ) values (
    '00000000-0000-0000-0000-000000000000', user_id, 'authenticated', 'authenticated', email,
    extensions.crypt('Entreprendre2026!', extensions.gen_salt('bf')), joined,
    '{"provider": "email", "providers": ["email"]}'::jsonb,
    jsonb_build_object('first_name', first_name, 'last_name', last_name, 'role', role,
                       'email_verified', true),
    joined, joined, '', '', '', ''
  );
  insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
  values (
    user_id::text, user_id,
    jsonb_build_object('sub', user_id::text, 'email', email, 'email_verified', true, 'phone_verified', false),
    'email', null, joined, joined
  );
end;
$$;

-- Agit au nom d'un utilisateur pour les RPC (auth.uid() lit ces claims), comme le fait PostgREST.
create function pg_temp.act_as(user_id uuid)
returns void
language sql
as $$
  select set_config('request.jwt.claims',
    jsonb_build_object('sub', user_id, 'role', 'authenticated')::text, true);
$$;

-- ============================================================================================
-- Utilisateurs
-- ============================================================================================
select pg_temp.seed_user(id::uuid, email, first_name, last_name, role, joined)
from (values
  -- Comptes de démonstration
  ('10000000-0000-4000-8000-000000000001', 'membre@demo.reseau-entrepreneurs.fr', 'Camille', 'Martin', 'member', 120),
  ('10000000-0000-4000-8000-000000000002', 'entreprise@demo.reseau-entrepreneurs.fr', 'Julien', 'Moreau', 'company', 300),
  ('10000000-0000-4000-8000-000000000003', 'coach@demo.reseau-entrepreneurs.fr', 'Sophie', 'Lefèvre', 'coach', 400),
  -- Entreprises
  ('10000000-0000-4000-8000-000000000004', 'nadia.benali@demo.reseau-entrepreneurs.fr', 'Nadia', 'Benali', 'company', 280),
  ('10000000-0000-4000-8000-000000000005', 'thomas.girard@demo.reseau-entrepreneurs.fr', 'Thomas', 'Girard', 'company', 260),
  ('10000000-0000-4000-8000-000000000006', 'lea.fontaine@demo.reseau-entrepreneurs.fr', 'Léa', 'Fontaine', 'company', 240),
  ('10000000-0000-4000-8000-000000000007', 'olivier.chevalier@demo.reseau-entrepreneurs.fr', 'Olivier', 'Chevalier', 'company', 220),
  ('10000000-0000-4000-8000-000000000008', 'amelie.rousseau@demo.reseau-entrepreneurs.fr', 'Amélie', 'Rousseau', 'company', 200),
  ('10000000-0000-4000-8000-000000000009', 'bastien.morel@demo.reseau-entrepreneurs.fr', 'Bastien', 'Morel', 'company', 180),
  ('10000000-0000-4000-8000-000000000010', 'fatou.diallo@demo.reseau-entrepreneurs.fr', 'Fatou', 'Diallo', 'company', 160),
  ('10000000-0000-4000-8000-000000000011', 'pierre.faure@demo.reseau-entrepreneurs.fr', 'Pierre', 'Faure', 'company', 140),
  ('10000000-0000-4000-8000-000000000012', 'julie.blanc@demo.reseau-entrepreneurs.fr', 'Julie', 'Blanc', 'company', 100),
  -- Coachs
  ('10000000-0000-4000-8000-000000000013', 'marc.dubois@demo.reseau-entrepreneurs.fr', 'Marc', 'Dubois', 'coach', 390),
  ('10000000-0000-4000-8000-000000000014', 'isabelle.roux@demo.reseau-entrepreneurs.fr', 'Isabelle', 'Roux', 'coach', 370),
  ('10000000-0000-4000-8000-000000000015', 'karim.haddad@demo.reseau-entrepreneurs.fr', 'Karim', 'Haddad', 'coach', 350),
  ('10000000-0000-4000-8000-000000000016', 'claire.petit@demo.reseau-entrepreneurs.fr', 'Claire', 'Petit', 'coach', 330),
  ('10000000-0000-4000-8000-000000000017', 'antoine.mercier@demo.reseau-entrepreneurs.fr', 'Antoine', 'Mercier', 'coach', 310),
  ('10000000-0000-4000-8000-000000000018', 'elodie.garnier@demo.reseau-entrepreneurs.fr', 'Élodie', 'Garnier', 'coach', 290),
  ('10000000-0000-4000-8000-000000000019', 'hugo.lambert@demo.reseau-entrepreneurs.fr', 'Hugo', 'Lambert', 'coach', 270),
  -- Membres
  ('10000000-0000-4000-8000-000000000020', 'ines.bernard@demo.reseau-entrepreneurs.fr', 'Inès', 'Bernard', 'member', 90),
  ('10000000-0000-4000-8000-000000000021', 'lucas.robert@demo.reseau-entrepreneurs.fr', 'Lucas', 'Robert', 'member', 85),
  ('10000000-0000-4000-8000-000000000022', 'manon.richard@demo.reseau-entrepreneurs.fr', 'Manon', 'Richard', 'member', 80),
  ('10000000-0000-4000-8000-000000000023', 'yanis.durand@demo.reseau-entrepreneurs.fr', 'Yanis', 'Durand', 'member', 70),
  ('10000000-0000-4000-8000-000000000024', 'chloe.leroy@demo.reseau-entrepreneurs.fr', 'Chloé', 'Leroy', 'member', 60),
  ('10000000-0000-4000-8000-000000000025', 'mathis.simon@demo.reseau-entrepreneurs.fr', 'Mathis', 'Simon', 'member', 45),
  ('10000000-0000-4000-8000-000000000026', 'emma.laurent@demo.reseau-entrepreneurs.fr', 'Emma', 'Laurent', 'member', 30),
  ('10000000-0000-4000-8000-000000000027', 'nathan.michel@demo.reseau-entrepreneurs.fr', 'Nathan', 'Michel', 'member', 20),
  ('10000000-0000-4000-8000-000000000028', 'sarah.garcia@demo.reseau-entrepreneurs.fr', 'Sarah', 'Garcia', 'member', 10)
) as seed (id, email, first_name, last_name, role, joined);

-- Dernières connexions (recopiées dans profiles par déclencheur).
update auth.users u
set last_sign_in_at = now() - make_interval(hours => (right(u.id::text, 2)::integer * 7) % 96 + 1)
where u.id::text like '10000000-0000-4000-8000-0000000000%';

update public.profiles p
set headline = seed.headline, bio = seed.bio
from (values
  ('10000000-0000-4000-8000-000000000001', 'Future libraire-caféière à la Croix-Rousse',
   'Après dix ans dans l''édition, je crée « Les Pages Vertes », un café-librairie de quartier à Lyon.'),
  ('10000000-0000-4000-8000-000000000002', 'Fondateur d''Atelier Lumen', 'Ingénieur éclairagiste, je redonne vie aux luminaires professionnels.'),
  ('10000000-0000-4000-8000-000000000003', 'Coach en stratégie et financement', 'J''accompagne les créateurs d''entreprise du business plan à la première levée.'),
  ('10000000-0000-4000-8000-000000000004', 'Cofondatrice de GreenLoop', null),
  ('10000000-0000-4000-8000-000000000005', 'CEO de Mobilis Santé', null),
  ('10000000-0000-4000-8000-000000000013', 'Ancien banquier d''affaires', null),
  ('10000000-0000-4000-8000-000000000014', 'Growth marketer', null),
  ('10000000-0000-4000-8000-000000000020', 'Porteuse d''un projet de traiteur végétal', null),
  ('10000000-0000-4000-8000-000000000021', 'Développeur en reconversion vers l''entrepreneuriat', null)
) as seed (id, headline, bio)
where p.id = seed.id::uuid;

-- ============================================================================================
-- Domaines d'expertise
-- ============================================================================================
insert into public.expertise_domains (id, slug, name, description) values
  ('30000000-0000-4000-8000-000000000001', 'strategie', 'Stratégie et modèle économique', 'Positionnement, proposition de valeur, business model.'),
  ('30000000-0000-4000-8000-000000000002', 'financement', 'Financement et levée de fonds', 'Prêts d''honneur, banques, BPI, business angels, levée de fonds.'),
  ('30000000-0000-4000-8000-000000000003', 'marketing-digital', 'Marketing digital', 'Acquisition, réseaux sociaux, référencement, e-mailing.'),
  ('30000000-0000-4000-8000-000000000004', 'ressources-humaines', 'Ressources humaines et management', 'Premiers recrutements, management, culture d''équipe.'),
  ('30000000-0000-4000-8000-000000000005', 'juridique', 'Juridique et statuts', 'Choix du statut, pacte d''associés, propriété intellectuelle.'),
  ('30000000-0000-4000-8000-000000000006', 'pitch', 'Pitch et prise de parole', 'Préparer un pitch investisseur, convaincre un jury.'),
  ('30000000-0000-4000-8000-000000000007', 'produit-tech', 'Produit et technologie', 'MVP, choix techniques, recrutement d''une équipe tech.'),
  ('30000000-0000-4000-8000-000000000008', 'commercial', 'Commercial et vente', 'Prospection, négociation, premiers clients.'),
  ('30000000-0000-4000-8000-000000000009', 'rse-impact', 'RSE et impact', 'Entreprise à mission, mesure d''impact, labels.');

-- ============================================================================================
-- Coachs et leurs domaines
-- ============================================================================================
update public.coaches c
set bio = seed.bio, hourly_rate = seed.rate, weekly_availability = seed.availability::jsonb,
    linkedin_url = seed.linkedin
from (values
  ('10000000-0000-4000-8000-000000000003',
   'Quinze ans d''accompagnement de créateurs en incubateur lyonnais. Spécialiste des business plans et des dossiers de financement.',
   90.00, '[{"weekday":1,"start":"09:00","end":"12:00"},{"weekday":2,"start":"14:00","end":"18:00"},{"weekday":4,"start":"09:00","end":"18:00"}]',
   'https://www.linkedin.com/in/sophie-lefevre-coach'),
  ('10000000-0000-4000-8000-000000000013',
   'Ancien chargé d''affaires en banque, j''aide à préparer les rendez-vous bancaires et les levées de fonds.',
   120.00, '[{"weekday":1,"start":"14:00","end":"18:00"},{"weekday":3,"start":"09:00","end":"12:00"}]',
   'https://www.linkedin.com/in/marc-dubois-finance'),
  ('10000000-0000-4000-8000-000000000014',
   'Dix ans de marketing digital en start-up. Acquisition à petit budget, contenus, réseaux sociaux.',
   75.00, '[{"weekday":2,"start":"09:00","end":"12:30"},{"weekday":5,"start":"09:00","end":"17:00"}]', null),
  ('10000000-0000-4000-8000-000000000015',
   'Consultant en stratégie, je challenge les modèles économiques et les plans de croissance.',
   110.00, '[{"weekday":3,"start":"14:00","end":"19:00"}]', 'https://fr.linkedin.com/in/karim-haddad'),
  ('10000000-0000-4000-8000-000000000016',
   'DRH de PME pendant douze ans : premiers recrutements, management, entretiens.',
   70.00, '[{"weekday":1,"start":"09:00","end":"17:00"},{"weekday":4,"start":"13:00","end":"17:00"}]', null),
  ('10000000-0000-4000-8000-000000000017',
   'Avocat en droit des sociétés : statuts, pacte d''associés, marques.',
   150.00, '[{"weekday":2,"start":"17:00","end":"20:00"}]', null),
  ('10000000-0000-4000-8000-000000000018',
   'Comédienne et formatrice en prise de parole. Je prépare les pitchs de concours et de levée.',
   60.00, '[{"weekday":6,"start":"10:00","end":"13:00"},{"weekday":3,"start":"18:00","end":"21:00"}]', null),
  ('10000000-0000-4000-8000-000000000019',
   'CTO à temps partagé : MVP, choix techniques, recrutement des premiers développeurs.',
   95.00, '[{"weekday":1,"start":"18:00","end":"20:00"},{"weekday":5,"start":"14:00","end":"18:00"}]',
   'https://www.linkedin.com/in/hugo-lambert-cto')
) as seed (id, bio, rate, availability, linkedin)
where c.id = seed.id::uuid;

insert into public.coach_domains (coach_id, domain_id)
select coach::uuid, ('30000000-0000-4000-8000-00000000000' || domain)::uuid
from (values
  ('10000000-0000-4000-8000-000000000003', '1'), ('10000000-0000-4000-8000-000000000003', '2'),
  ('10000000-0000-4000-8000-000000000003', '6'),
  ('10000000-0000-4000-8000-000000000013', '2'), ('10000000-0000-4000-8000-000000000013', '8'),
  ('10000000-0000-4000-8000-000000000014', '3'), ('10000000-0000-4000-8000-000000000014', '8'),
  ('10000000-0000-4000-8000-000000000015', '1'), ('10000000-0000-4000-8000-000000000015', '9'),
  ('10000000-0000-4000-8000-000000000016', '4'),
  ('10000000-0000-4000-8000-000000000017', '5'),
  ('10000000-0000-4000-8000-000000000018', '6'), ('10000000-0000-4000-8000-000000000018', '3'),
  ('10000000-0000-4000-8000-000000000019', '7'), ('10000000-0000-4000-8000-000000000019', '1')
) as seed (coach, domain);

-- ============================================================================================
-- Entreprises, fondateurs, innovations, événements
-- ============================================================================================
insert into public.companies (id, owner_id, name, description, sector, website, email, phone, city, founded_on, created_at)
select id::uuid, owner::uuid, name, description, sector, website, email, phone, city, founded::date,
       now() - make_interval(days => age)
from (values
  ('20000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000002', 'Atelier Lumen',
   'Reconditionnement de luminaires professionnels en LED : moins de déchets, moins de consommation.',
   'Énergie et éclairage', 'https://atelier-lumen.example.fr', 'contact@atelier-lumen.example.fr', '04 78 00 12 34', 'Lyon', '2021-03-15', 290),
  ('20000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000004', 'GreenLoop',
   'Plateforme de consigne d''emballages réutilisables pour la restauration à emporter.',
   'Économie circulaire', 'https://greenloop.example.fr', 'bonjour@greenloop.example.fr', null, 'Nantes', '2022-06-01', 270),
  ('20000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000005', 'Mobilis Santé',
   'Téléconsultation assistée en pharmacie pour les zones rurales.',
   'E-santé', 'https://mobilis-sante.example.fr', 'contact@mobilis-sante.example.fr', '+33 4 73 00 56 78', 'Clermont-Ferrand', '2020-11-20', 250),
  ('20000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000006', 'Agritech Occitanie',
   'Capteurs connectés pour piloter l''irrigation des vignobles.',
   'Agriculture', 'https://agritech-occitanie.example.fr', null, null, 'Montpellier', '2019-09-09', 230),
  ('20000000-0000-4000-8000-000000000005', '10000000-0000-4000-8000-000000000007', 'Les Petites Fabriques',
   'Vêtements upcyclés fabriqués dans des ateliers d''insertion des Hauts-de-France.',
   'Textile', 'https://lespetitesfabriques.example.fr', 'atelier@lespetitesfabriques.example.fr', null, 'Roubaix', '2023-01-10', 210),
  ('20000000-0000-4000-8000-000000000006', '10000000-0000-4000-8000-000000000008', 'DataCoop',
   'Coopérative de données qui aide les PME bretonnes à mutualiser leurs outils d''analyse.',
   'Numérique', 'https://datacoop.example.fr', null, null, 'Rennes', '2022-02-14', 190),
  ('20000000-0000-4000-8000-000000000007', '10000000-0000-4000-8000-000000000009', 'Solaris Habitat',
   'Rénovation énergétique clé en main des maisons individuelles.',
   'Bâtiment', 'https://solaris-habitat.example.fr', 'projets@solaris-habitat.example.fr', '05 56 00 90 12', 'Bordeaux', '2018-05-02', 170),
  ('20000000-0000-4000-8000-000000000008', '10000000-0000-4000-8000-000000000010', 'KidsCode',
   'Ateliers de programmation et de robotique pour les 7-14 ans.',
   'Éducation', 'https://kidscode.example.fr', 'hello@kidscode.example.fr', null, 'Lille', '2021-09-01', 150),
  ('20000000-0000-4000-8000-000000000009', '10000000-0000-4000-8000-000000000011', 'Maison Brûlerie',
   'Torréfaction artisanale de cafés de spécialité, en circuit court.',
   'Agroalimentaire', 'https://maison-brulerie.example.fr', null, null, 'Marseille', '2020-04-18', 130),
  ('20000000-0000-4000-8000-000000000010', '10000000-0000-4000-8000-000000000012', 'Voilà Mobilité',
   'Vélos cargo électriques en libre-service pour les artisans du centre-ville.',
   'Mobilité', 'https://voila-mobilite.example.fr', 'contact@voila-mobilite.example.fr', null, 'Strasbourg', '2023-06-12', 90)
) as seed (id, owner, name, description, sector, website, email, phone, city, founded, age);

insert into public.founders (company_id, first_name, last_name, position, bio, email, linkedin_url)
select ('20000000-0000-4000-8000-0000000000' || company)::uuid, first_name, last_name, position, bio, email, linkedin
from (values
  ('01', 'Julien', 'Moreau', 'Président', 'Ingénieur éclairagiste passé par un grand groupe d''énergie.', 'julien@atelier-lumen.example.fr', 'https://www.linkedin.com/in/julien-moreau-lumen'),
  ('01', 'Aïcha', 'Traoré', 'Directrice des opérations', null, null, null),
  ('02', 'Nadia', 'Benali', 'Cofondatrice, CEO', 'Ancienne restauratrice, engagée contre le jetable.', null, 'https://www.linkedin.com/in/nadia-benali'),
  ('02', 'Romain', 'Gautier', 'Cofondateur, CTO', null, null, null),
  ('03', 'Thomas', 'Girard', 'CEO', 'Pharmacien, fils de médecin de campagne.', null, null),
  ('03', 'Dr Hélène', 'Vidal', 'Directrice médicale', null, null, null),
  ('04', 'Léa', 'Fontaine', 'Fondatrice', 'Ingénieure agronome.', null, 'https://fr.linkedin.com/in/lea-fontaine'),
  ('05', 'Olivier', 'Chevalier', 'Fondateur', null, null, null),
  ('05', 'Samira', 'Kaci', 'Directrice de la création', null, null, null),
  ('06', 'Amélie', 'Rousseau', 'Gérante', null, null, null),
  ('07', 'Bastien', 'Morel', 'Président', 'Artisan couvreur devenu chef d''entreprise.', null, null),
  ('08', 'Fatou', 'Diallo', 'Fondatrice', 'Professeure des écoles et développeuse.', null, 'https://www.linkedin.com/in/fatou-diallo-kidscode'),
  ('09', 'Pierre', 'Faure', 'Torréfacteur et fondateur', null, null, null),
  ('10', 'Julie', 'Blanc', 'Cofondatrice', null, null, null),
  ('10', 'Mehdi', 'Amrani', 'Cofondateur', null, null, null)
) as seed (company, first_name, last_name, position, bio, email, linkedin);

insert into public.innovations (company_id, title, description, kind, published_at)
select ('20000000-0000-4000-8000-0000000000' || company)::uuid, title, description, kind::public.innovation_kind,
       now() - make_interval(days => age)
from (values
  ('01', 'Kit de rétrofit LED pour dalles 600×600', 'Transforme une dalle fluorescente en dalle LED en dix minutes, sans outil.', 'product', 120),
  ('01', 'Diagnostic éclairage gratuit', 'Audit de parc lumineux et calcul des économies pour les collectivités.', 'service', 40),
  ('02', 'Boîte consignée GreenBox', 'Contenant en inox réutilisable 500 fois, suivi par QR code.', 'product', 200),
  ('02', 'Lavage mutualisé de quartier', 'Tournées de collecte et de lavage partagées entre restaurants.', 'process', 60),
  ('03', 'Cabine de téléconsultation en officine', 'Cabine équipée d''objets connectés, installée en pharmacie.', 'product', 180),
  ('04', 'Sonde d''humidité solaire VitiSense', 'Mesure l''humidité du sol à trois profondeurs, autonomie de cinq ans.', 'product', 150),
  ('05', 'Collection capsule en jean recyclé', 'Vingt pièces fabriquées à partir de jeans collectés en magasin.', 'product', 30),
  ('06', 'Tableau de bord partagé pour commerçants', 'Indicateurs de fréquentation mutualisés entre commerces d''une même rue.', 'service', 90),
  ('07', 'Rénovation en 10 jours', 'Méthode de chantier industrialisée pour isoler une maison en dix jours.', 'process', 110),
  ('08', 'Stage robotique des vacances', 'Cinq demi-journées pour construire et programmer un robot.', 'service', 20),
  ('09', 'Abonnement café de spécialité', 'Un café différent chaque mois, torréfié la veille de l''envoi.', 'service', 70),
  ('10', 'Vélo cargo à assistance électrique partagé', 'Réservable à l''heure, 150 kg de charge utile.', 'product', 45)
) as seed (company, title, description, kind, age);

insert into public.events (company_id, title, description, starts_at, ends_at, location, created_at)
select ('20000000-0000-4000-8000-0000000000' || company)::uuid, title, description,
       pg_temp.paris(day_offset, start_clock), pg_temp.paris(day_offset, end_clock), location,
       now() - make_interval(days => greatest(1, 30 - day_offset))
from (values
  ('01', 'Portes ouvertes de l''atelier', 'Visite de l''atelier de reconditionnement et démonstrations.', 12, '14:00', '18:00', '12 rue de Marseille, Lyon 7e'),
  ('01', 'Petit-déjeuner collectivités', 'Retours d''expérience de trois communes équipées.', -20, '08:30', '10:00', 'Hôtel de Ville de Villeurbanne'),
  ('02', 'Lancement GreenBox à Nantes', 'Soirée de lancement avec les restaurants partenaires.', 5, '18:30', '21:00', 'Île de Nantes, Nantes'),
  ('03', 'Webinaire : la télésanté en pharmacie', null, 9, '12:30', '13:30', 'En ligne'),
  ('04', 'Journée terrain au vignoble', 'Démonstration des sondes VitiSense sur parcelle.', -40, '09:00', '17:00', 'Domaine de la Garrigue, Pézenas'),
  ('05', 'Vente privée de la collection capsule', null, 3, '10:00', '19:00', 'La Condition Publique, Roubaix'),
  ('06', 'Meetup données et commerce local', null, 21, '19:00', '21:30', 'Le Mabilay, Rennes'),
  ('07', 'Réunion d''information rénovation', 'Aides MaPrimeRénov'' et déroulé d''un chantier.', 7, '18:00', '19:30', 'Maison de l''habitat, Bordeaux'),
  ('08', 'Hackathon junior', 'Une journée pour créer un jeu vidéo en équipe.', 16, '09:30', '17:00', 'EuraTechnologies, Lille'),
  ('09', 'Atelier dégustation', null, -5, '10:00', '12:00', 'Maison Brûlerie, Marseille 6e'),
  ('10', 'Essais de vélos cargo', 'Essais libres pour les artisans et commerçants.', 2, '10:00', '16:00', 'Place Kléber, Strasbourg')
) as seed (company, title, description, day_offset, start_clock, end_clock, location);

-- ============================================================================================
-- Contacts, documents et planifications du compte membre de démonstration (et de quelques autres)
-- ============================================================================================
insert into public.contacts (owner_id, first_name, last_name, email, phone, company_name, position, notes)
select owner::uuid, first_name, last_name, email, phone, company_name, position, notes
from (values
  ('10000000-0000-4000-8000-000000000001', 'Bernard', 'Lemaire', 'b.lemaire@banque-exemple.fr', '04 72 00 11 22', 'Banque Populaire Exemple', 'Chargé d''affaires professionnels', 'Rendez-vous prêt bancaire à confirmer.'),
  ('10000000-0000-4000-8000-000000000001', 'Sylvie', 'Perrin', 'sylvie.perrin@initiative-exemple.fr', null, 'Initiative Lyon', 'Chargée de mission', 'Comité prêt d''honneur le mois prochain.'),
  ('10000000-0000-4000-8000-000000000001', 'Marco', 'Bellini', null, '06 12 34 56 78', 'Torréfaction Bellini', 'Gérant', 'Fournisseur de café possible.'),
  ('10000000-0000-4000-8000-000000000001', '', 'Agence Immobilière des Pentes', 'contact@immo-pentes.example.fr', '04 78 28 00 00', null, null, 'Local de 80 m² rue d''Austerlitz.'),
  ('10000000-0000-4000-8000-000000000001', 'Anne', 'Rey', 'anne.rey@editions-exemple.fr', null, 'Éditions du Rhône', 'Diffusion', null),
  ('10000000-0000-4000-8000-000000000002', 'Paul', 'Mathieu', 'p.mathieu@ville-exemple.fr', null, 'Ville de Villeurbanne', 'Service bâtiments', 'Appel d''offres éclairage des écoles.'),
  ('10000000-0000-4000-8000-000000000020', 'Lina', 'Carpentier', null, '07 00 00 00 01', null, 'Cheffe cuisinière', null)
) as seed (owner, first_name, last_name, email, phone, company_name, position, notes);

insert into public.documents (owner_id, name, storage_path, mime_type, size_bytes, description, uploaded_at)
select owner::uuid, name, owner || '/' || key, 'application/pdf', size, description, now() - make_interval(days => age)
from (values
  ('10000000-0000-4000-8000-000000000001', 'Business plan 2026 – Café-librairie « Les Pages Vertes ».pdf',
   'b71c2a90-business-plan-2026-cafe-librairie-les-pages-vertes.pdf', 1083, 'Version envoyée à la banque.', 14),
  ('10000000-0000-4000-8000-000000000001', 'Prévisionnel financier sur 3 ans.pdf',
   '4e8d1f02-previsionnel-financier-sur-3-ans.pdf', 1006, null, 12),
  ('10000000-0000-4000-8000-000000000001', 'Étude de marché – quartier Croix-Rousse.pdf',
   '9a3b6c11-etude-de-marche-quartier-croix-rousse.pdf', 910, null, 30),
  ('10000000-0000-4000-8000-000000000002', 'Dossier de présentation Atelier Lumen.pdf',
   'c52e7d48-dossier-de-presentation-atelier-lumen.pdf', 871, 'Plaquette pour les collectivités.', 60)
) as seed (owner, name, key, size, description, age);

insert into public.plans (owner_id, title, description, location, starts_at, duration_minutes, reminder_minutes_before, reminded_at)
select owner::uuid, title, description, location, starts, duration, reminder,
       case when starts - make_interval(mins => coalesce(reminder, 0)) < now() and reminder is not null then starts - make_interval(mins => reminder) end
from (values
  ('10000000-0000-4000-8000-000000000001', 'Rendez-vous banque : prêt d''équipement', 'Apporter le prévisionnel et les devis.', 'Agence Lyon Croix-Rousse', pg_temp.paris(2, '10:00'), 60, 60),
  ('10000000-0000-4000-8000-000000000001', 'Visite du local rue d''Austerlitz', null, '8 rue d''Austerlitz, Lyon 4e', pg_temp.paris(4, '17:30'), 45, 120),
  ('10000000-0000-4000-8000-000000000001', 'Appel avec le torréfacteur', null, null, now() + interval '20 minutes', 30, 15),
  ('10000000-0000-4000-8000-000000000001', 'Comité prêt d''honneur', 'Pitch de 10 minutes puis questions.', 'Initiative Lyon', pg_temp.paris(15, '09:00'), 90, 1440),
  ('10000000-0000-4000-8000-000000000001', 'Salon des entrepreneurs', null, 'Centre de congrès de Lyon', pg_temp.paris(-6, '09:00'), 480, 60),
  ('10000000-0000-4000-8000-000000000001', 'Relire les statuts de la SAS', null, null, pg_temp.paris(-2, '14:00'), 60, null),
  ('10000000-0000-4000-8000-000000000002', 'Réponse à l''appel d''offres Villeurbanne', null, null, pg_temp.paris(6, '12:00'), 120, 1440),
  ('10000000-0000-4000-8000-000000000003', 'Préparer les séances de la semaine', null, null, pg_temp.paris(1, '08:30'), 60, 30)
) as seed (owner, title, description, location, starts, duration, reminder);

-- ============================================================================================
-- Demandes et séances de coaching
-- ============================================================================================
-- Le passé est écrit directement (les RPC refusent les dates passées) : demandes acceptées avec
-- leurs séances terminées, notées ou non, et une séance annulée.
insert into public.coaching_requests (id, member_id, coach_id, domain_id, desired_at, duration_minutes, message, status, responded_at, coach_comment, created_at)
select id::uuid, member::uuid, coach::uuid, ('30000000-0000-4000-8000-00000000000' || domain)::uuid,
       pg_temp.paris(day_offset, clock), duration, message, status::public.coaching_request_status,
       case when status <> 'pending' then pg_temp.paris(day_offset - 3, '18:00') end, comment,
       pg_temp.paris(day_offset - 5, '09:15')
from (values
  ('40000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000003', '1', -10, '10:00', 60,
   'Bonjour Sophie, j''aimerais relire mon business plan avec vous avant le rendez-vous bancaire.', 'accepted', 'Avec plaisir, envoyez-le-moi la veille.'),
  ('40000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000013', '2', -3, '14:00', 60,
   'Pouvez-vous m''aider à préparer mon dossier de prêt ?', 'accepted', null),
  ('40000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000022', '10000000-0000-4000-8000-000000000003', '2', -1, '16:00', 60,
   'Question sur les prêts d''honneur.', 'accepted', null),
  ('40000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000021', '10000000-0000-4000-8000-000000000019', '7', -8, '18:00', 90,
   'Je cherche des conseils pour mon MVP.', 'accepted', null),
  ('40000000-0000-4000-8000-000000000005', '10000000-0000-4000-8000-000000000023', '10000000-0000-4000-8000-000000000014', '3', -12, '11:00', 60,
   'Comment lancer ma page Instagram ?', 'accepted', null),
  ('40000000-0000-4000-8000-000000000006', '10000000-0000-4000-8000-000000000020', '10000000-0000-4000-8000-000000000018', '6', -15, '18:00', 60,
   'Je passe devant un jury dans deux semaines.', 'accepted', null),
  ('40000000-0000-4000-8000-000000000007', '10000000-0000-4000-8000-000000000021', '10000000-0000-4000-8000-000000000003', '1', -4, '09:00', 60,
   'Puis-je vous présenter mon projet d''application ?', 'declined', 'Je ne suis pas disponible ce jour-là, essayez plutôt Hugo Lambert pour la partie technique.')
) as seed (id, member, coach, domain, day_offset, clock, duration, message, status, comment);

insert into public.coaching_sessions (request_id, member_id, coach_id, starts_at, ends_at, status, completed_at,
  cancelled_at, cancelled_by, cancellation_reason, member_rating, member_comment, rated_at, created_at)
select r.id, r.member_id, r.coach_id, r.desired_at, r.desired_at + make_interval(mins => r.duration_minutes),
       seed.status::public.coaching_session_status,
       case when seed.status = 'completed' then r.desired_at + make_interval(mins => r.duration_minutes) end,
       case when seed.status = 'cancelled' then r.desired_at - interval '1 day' end,
       case when seed.status = 'cancelled' then r.member_id end,
       seed.reason,
       seed.rating,
       seed.comment,
       case when seed.rating is not null then r.desired_at + interval '1 day' end,
       r.responded_at
from (values
  ('40000000-0000-4000-8000-000000000001', 'completed', null, 5, 'Très concret : mon business plan est beaucoup plus clair.'),
  ('40000000-0000-4000-8000-000000000002', 'completed', null, null, null),
  ('40000000-0000-4000-8000-000000000003', 'cancelled', 'Empêchement de dernière minute, désolée !', null, null),
  ('40000000-0000-4000-8000-000000000004', 'completed', null, 4, 'Bons conseils sur le choix des outils.'),
  ('40000000-0000-4000-8000-000000000005', 'completed', null, 5, null),
  ('40000000-0000-4000-8000-000000000006', 'completed', null, 3, 'Utile, mais trop court.')
) as seed (request_id, status, reason, rating, comment)
join public.coaching_requests r on r.id = seed.request_id::uuid;

-- Les séances vidéo des séances passées ont eu lieu.
update public.video_sessions v
set started_at = s.starts_at + interval '2 minutes', ended_at = s.ends_at - interval '3 minutes'
from public.coaching_sessions s
where s.id = v.coaching_session_id and s.status = 'completed';

insert into public.video_participants (video_session_id, profile_id, status, joined_at, left_at)
select v.id, party.profile_id, 'disconnected', v.started_at, v.ended_at
from public.video_sessions v
join public.coaching_sessions s on s.id = v.coaching_session_id
cross join lateral (values (s.member_id), (s.coach_id)) as party (profile_id)
where s.status = 'completed';

-- Le présent et l'avenir passent par les vraies RPC, au nom de chaque utilisateur.
do $$
declare
  request public.coaching_requests;
begin
  -- Camille → Sophie : séance acceptée dans deux jours.
  perform pg_temp.act_as('10000000-0000-4000-8000-000000000001');
  request := private.send_coaching_request(
    '10000000-0000-4000-8000-000000000003', '30000000-0000-4000-8000-000000000002',
    pg_temp.paris(2, '14:00'), 60,
    'Pouvons-nous préparer ensemble le comité prêt d''honneur ?');
  perform pg_temp.act_as('10000000-0000-4000-8000-000000000003');
  perform private.answer_coaching_request(request.id, true, 'Bien sûr, apportez votre pitch.');

  -- Camille → Élodie : demande en attente.
  perform pg_temp.act_as('10000000-0000-4000-8000-000000000001');
  perform private.send_coaching_request(
    '10000000-0000-4000-8000-000000000018', '30000000-0000-4000-8000-000000000006',
    pg_temp.paris(9, '18:30'), 60, 'J''ai besoin d''aide pour mon pitch de 10 minutes.');

  -- Inès → Sophie : demande en attente (à traiter par le coach de démonstration).
  perform pg_temp.act_as('10000000-0000-4000-8000-000000000020');
  perform private.send_coaching_request(
    '10000000-0000-4000-8000-000000000003', '30000000-0000-4000-8000-000000000001',
    pg_temp.paris(3, '10:00'), 60, 'Mon modèle économique de traiteur végétal tient-il la route ?');

  -- Yanis → Sophie : demande en attente.
  perform pg_temp.act_as('10000000-0000-4000-8000-000000000023');
  perform private.send_coaching_request(
    '10000000-0000-4000-8000-000000000003', '30000000-0000-4000-8000-000000000006',
    pg_temp.paris(4, '16:00'), 45, 'Je voudrais m''entraîner à pitcher.');

  -- Chloé → Sophie : acceptée, dans cinq jours.
  perform pg_temp.act_as('10000000-0000-4000-8000-000000000024');
  request := private.send_coaching_request(
    '10000000-0000-4000-8000-000000000003', '30000000-0000-4000-8000-000000000002',
    pg_temp.paris(5, '09:30'), 90, 'Quels financements pour une micro-crèche ?');
  perform pg_temp.act_as('10000000-0000-4000-8000-000000000003');
  perform private.answer_coaching_request(request.id, true, null);

  -- Mathis → Marc : refusée.
  perform pg_temp.act_as('10000000-0000-4000-8000-000000000025');
  request := private.send_coaching_request(
    '10000000-0000-4000-8000-000000000013', '30000000-0000-4000-8000-000000000008',
    pg_temp.paris(6, '14:00'), 60, 'Comment trouver mes premiers clients B2B ?');
  perform pg_temp.act_as('10000000-0000-4000-8000-000000000013');
  perform private.answer_coaching_request(request.id, false, 'Je suis complet ce mois-ci ; Isabelle Roux pourra vous aider.');

  -- Emma → Claire : acceptée puis annulée par la coach.
  perform pg_temp.act_as('10000000-0000-4000-8000-000000000026');
  request := private.send_coaching_request(
    '10000000-0000-4000-8000-000000000016', '30000000-0000-4000-8000-000000000004',
    pg_temp.paris(8, '10:00'), 60, 'Je recrute mon premier salarié.');
  perform pg_temp.act_as('10000000-0000-4000-8000-000000000016');
  perform private.answer_coaching_request(request.id, true, null);
  perform private.cancel_coaching_session(
    (select s.id from public.coaching_sessions s where s.request_id = request.id),
    'Déplacement imprévu : pouvez-vous proposer une autre date ?');

  -- Nathan → Hugo : acceptée, dans trois jours.
  perform pg_temp.act_as('10000000-0000-4000-8000-000000000027');
  request := private.send_coaching_request(
    '10000000-0000-4000-8000-000000000019', '30000000-0000-4000-8000-000000000007',
    pg_temp.paris(3, '18:00'), 60, 'Quel outil no-code pour mon prototype ?');
  perform pg_temp.act_as('10000000-0000-4000-8000-000000000019');
  perform private.answer_coaching_request(request.id, true, 'Regardez Bubble et Glide d''ici là.');

  perform set_config('request.jwt.claims', '', true);
end;
$$;

-- ============================================================================================
-- Messages
-- ============================================================================================
insert into public.messages (sender_id, recipient_id, body, sent_at, read_at)
select sender::uuid, recipient::uuid, body, now() - make_interval(mins => minutes_ago),
       case when is_read then now() - make_interval(mins => minutes_ago) + interval '5 minutes' end
from (values
  -- Camille et Sophie
  ('10000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000003', 'Bonjour Sophie, merci encore pour la séance de la semaine dernière !', 7200, true),
  ('10000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000001', 'Avec plaisir Camille. Avez-vous pu retravailler le prévisionnel ?', 7000, true),
  ('10000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000003', 'Oui, je l''ai déposé dans mes documents. L''année 1 est plus prudente.', 2900, true),
  ('10000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000001', 'Parfait. Pour le comité, préparez un pitch de 5 minutes, pas plus.', 180, false),
  ('10000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000001', 'Et pensez à chiffrer votre apport personnel.', 175, false),
  -- Camille et Julien (Atelier Lumen)
  ('10000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000002', 'Bonjour Julien, vos luminaires reconditionnés m''intéressent pour mon café-librairie.', 4000, true),
  ('10000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001', 'Bonjour Camille ! Venez à nos portes ouvertes, je vous montrerai les suspensions.', 3800, true),
  ('10000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000002', 'Avec plaisir, c''est noté.', 3700, false),
  -- Inès et Camille
  ('10000000-0000-4000-8000-000000000020', '10000000-0000-4000-8000-000000000001', 'Salut Camille, on se croise au salon des entrepreneurs ?', 9000, true),
  ('10000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000020', 'Oui ! Je serai au stand d''Initiative Lyon vers 11 h.', 8900, true),
  ('10000000-0000-4000-8000-000000000020', '10000000-0000-4000-8000-000000000001', 'Tu aurais le contact de ta banquière ? Je prépare aussi un dossier.', 60, false),
  -- Julien et Sophie
  ('10000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000003', 'Sophie, seriez-vous disponible pour parler de notre levée de fonds ?', 1500, true),
  ('10000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000002', 'Oui, envoyez-moi une demande de séance depuis mon profil.', 1400, false),
  -- Autres conversations
  ('10000000-0000-4000-8000-000000000021', '10000000-0000-4000-8000-000000000019', 'Merci Hugo pour la séance, je teste les outils dont on a parlé.', 8000, true),
  ('10000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000011', 'Pierre, on pourrait proposer vos cafés dans nos GreenBox ?', 5000, true),
  ('10000000-0000-4000-8000-000000000011', '10000000-0000-4000-8000-000000000004', 'Excellente idée, parlons-en jeudi.', 4900, false)
) as seed (sender, recipient, body, minutes_ago, is_read);

-- ============================================================================================
-- Notifications
-- ============================================================================================
-- Les déclencheurs ont notifié demandes, réponses, annulations et messages ; on ajoute un mot
-- d'accueil, puis ce qui date de plus de deux jours est considéré comme vu.
insert into public.notifications (user_id, kind, title, body, link, created_at)
select p.id, 'system', 'Bienvenue sur le Réseau des entrepreneurs',
       'Complétez votre profil pour apparaître dans l''annuaire.', '/profile', p.created_at
from public.profiles p;

-- Camille peut noter sa séance avec Marc : la plateforme le lui a rappelé.
insert into public.notifications (user_id, kind, title, body, link, created_at)
select s.member_id, 'coaching_session_completed', 'Séance terminée : donnez votre avis',
       'Votre séance avec Marc Dubois est terminée. Notez-la pour aider la communauté.',
       '/coaching-sessions/' || s.id, s.completed_at
from public.coaching_sessions s
where s.request_id = '40000000-0000-4000-8000-000000000002';

update public.notifications set seen_at = created_at + interval '1 hour'
where created_at < now() - interval '2 days';

-- Un message lu a été vu.
update public.notifications n set seen_at = m.read_at
from public.messages m
where n.kind = 'message_received' and n.seen_at is null
  and n.user_id = m.recipient_id and n.created_at = m.sent_at and m.read_at is not null;
