import Leaf
import Vapor

extension Application {
    func configureViews() {
        views.use(.leaf)
        // Templates are re-read in development so that a change shows without a restart.
        leaf.cache.isEnabled = environment.isRelease
        leaf.tags["frenchDate"] = FrenchDateTag()
    }
}
