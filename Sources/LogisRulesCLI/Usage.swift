/// `logis rules help`.
enum Usage {
    static let text = """
        logis rules — règles de la demande de logement social (sortie JSON)

        Commandes :
          eligibility --year 2024 --zone autres-regions --persons 3 [--dependents 1]
                      [--couple-ages 30,28] [--disabled 1] --income 30000 [--data-dir DIR]
          ceilings --year 2026 --zone idf [--data-dir DIR]
          import-ceilings FICHIER [--data-dir DIR]     (par défaut ./var/rules/ceilings/)
          typology --adults 2 --children 3 [--not-couple] [--dwelling T3]
          nud --validate 1111023517879GDPUB [--departement 030]
          nud --generate --departement 030 --date 2025-03-15 --sequence 42 [--desk GDPUB]
          renewal --registered 2025-03-15 [--renewals 0]
          offer-deadline --sent 2026-01-05
          attestation-deadline --filed 2026-01-31
          cotation --grid petite-camargue [--version 1] --facts FICHIER.json
          grids
          checklist --situation FICHIER.json
          help

        Zones : paris, idf, autres-regions.
        Code de sortie : 0 succès, 2 entrée invalide ({"error":{"code":…,"message":…}}), 1 fichier illisible.

        """
}
